// The table of filters (`value | name(args)`), and the few that must see undefined input.
import { arg, type CallArgs, type Callables, type FilterFunction } from './call-args.js';
import { COLLECTION_FILTERS } from './filters-collections.js';
import { IP_FILTERS } from './filters-ip.js';
import { EXTRA_FILTERS } from './filters-extra.js';
import { JINJA_MORE_FILTERS } from './filters-jinja-more.js';
import { MORE_FILTERS } from './filters-more.js';
import { QUERY_FILTERS } from './filters-query.js';
import { RANDOM_FILTERS } from './filters-random.js';
import { TEXT_FILTERS } from './filters-text.js';
import { YAML_FILTERS } from './filters-yaml.js';
import { checkBuilt } from './budget.js';
import { ExpressionFailure, isTruthy } from './python-values.js';
import { runTest } from './tests.js';

/** default/d(value='', boolean=false): the value when the input is undefined (or falsy with boolean=true). */
const defaultFilter: FilterFunction = (value, args) => {
  const useOnFalsy = isTruthy(arg(args, 1, 'boolean', false));
  if (value === undefined || (useOnFalsy && !isTruthy(value))) return arg(args, 0, 'default_value', '');
  return value;
};

const mandatoryFilter: FilterFunction = (value, args) => {
  if (value !== undefined) return value;
  const message = arg(args, 0, 'msg', undefined);
  throw new ExpressionFailure(typeof message === 'string' ? message : 'a mandatory variable is not defined');
};

export const FILTERS: Readonly<Record<string, FilterFunction>> = {
  ...TEXT_FILTERS,
  ...COLLECTION_FILTERS,
  ...YAML_FILTERS,
  ...MORE_FILTERS,
  ...QUERY_FILTERS,
  ...RANDOM_FILTERS,
  ...IP_FILTERS,
  ...EXTRA_FILTERS,
  ...JINJA_MORE_FILTERS,
  count: COLLECTION_FILTERS['length']!,
  default: defaultFilter,
  d: defaultFilter,
  mandatory: mandatoryFilter,
};

/** Filters whose input may be undefined: the evaluator reads their input without failing on it. */
export const FILTERS_TAKING_UNDEFINED: ReadonlySet<string> = new Set(['default', 'd', 'mandatory']);

export const CALLABLES: Callables = {
  test: runTest,
  filter: runFilter,
};

export function runFilter(name: string, value: unknown, args: CallArgs): unknown {
  const filter = Object.hasOwn(FILTERS, name) ? FILTERS[name] : undefined;
  if (!filter) throw new ExpressionFailure(`unknown filter '${name}'`);
  if (value === undefined && !FILTERS_TAKING_UNDEFINED.has(name)) throw new ExpressionFailure(`the '${name}' filter got an undefined value`);
  return checkBuilt(filter(value, args, CALLABLES), `the '${name}' filter`);
}
