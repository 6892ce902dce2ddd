// Templating and expressions: the only entry points the rest of tsplay uses.
// See docs-expressions.md for the language.
export { renderTemplate } from './template-file.js';
export { templateValue, wholeTagResult } from './template-value.js';
export { evaluate, evaluateCondition } from './evaluate.js';
export { isTruthy, toText } from './python-values.js';
