// json_query (community.general.json_query): a JMESPath query over the data, with the `jmespath`
// package, the reference implementation for JavaScript, as Ansible's filter calls Python's.
import jmespath from 'jmespath';
import { ExpressionFailure, expectString } from './python-values.js';
import type { FilterFunction } from './call-args.js';

const jsonQuery: FilterFunction = (value, args) => {
  const expression = expectString(args.positional[0], "the 'json_query' filter's query");
  try {
    // No match is None in Python (printed as an empty string), null here.
    return jmespath.search(value, expression) ?? null;
  } catch (error) {
    throw new ExpressionFailure(`JMESPathError in json_query filter plugin: ${(error as Error)?.message ?? String(error)}`);
  }
};

export const QUERY_FILTERS: Readonly<Record<string, FilterFunction>> = { json_query: jsonQuery };
