// Whether a string is a template at all: Ansible templates a string that holds `{{` (an expression)
// or `{%` (a Jinja statement); any other string is text, returned as it is.
export function isTemplateText(text: string): boolean {
  return text.includes('{{') || text.includes('{%');
}

/** A Jinja statement makes the whole string a Jinja template (jinja/render.ts), not single expressions. */
export function hasJinjaStatement(text: string): boolean {
  return text.includes('{%');
}
