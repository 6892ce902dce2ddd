// Which dialect renders a template file: `.j2` files are Jinja2 (as Ansible renders them),
// `.mustache` files mustache (the project's own roles). A file named otherwise is mustache unless it
// holds a Jinja statement (`{%`), which mustache would write to the host verbatim.
import { renderJinja } from './jinja/render.js';
import { renderTemplate as renderMustacheTemplate } from './mustache-render.js';
import { hasJinjaStatement } from './template-syntax.js';
import { templateVariables } from './template-variables.js';

export function isJinjaTemplateFile(name: string, text: string): boolean {
  if (name.endsWith('.j2')) return true;
  if (name.endsWith('.mustache')) return false;
  return hasJinjaStatement(text);
}

/**
 * Render a template file's text; `name` (its path) appears in errors as name:line:col. The file
 * sees ansible_managed and template_path/template_fullpath/template_host/template_uid, over the
 * scope's own variables of those names, as the template module gives them.
 */
export function renderTemplate(text: string, scope: object, name: string): string {
  const variables = { ...scope, ...templateVariables(name) };
  return isJinjaTemplateFile(name, text) ? renderJinja({ text, name }, variables) : renderMustacheTemplate(text, variables, name);
}
