// The layering of src/, checked instead of hoped for (docs/ARCHITECTURE.md draws the picture).
// test/layering/check-layering.ts runs these rules on every unit-test run (`npm test`, CI) and adds
// the one check dependency-cruiser has no rule for: no import cycle between top-level folders.
// A new violating import fails the run; the few that exist today are listed below, by exact file
// pair, as known and being removed: delete an entry when its import goes away.

/** Imports forbidden between top-level folders of src/: [from, to, why]. */
const forbiddenEdges = [
  ['engine', 'report', 'the engine emits events (engine/events.ts) and never prints; report subscribes to them'],
  ['engine', 'load', 'the engine reads files through the loader object (Sources) in its dependencies'],
  ['report', 'modules', 'reports print results and diffs (src/diff), not module internals'],
  ['modules', 'load', 'modules reach files through their context, not the loader'],
  ['modules', 'engine', 'modules are called by the engine and see only ModuleContext'],
  ['connection', 'modules', 'connections carry commands and files and know nothing of modules'],
  ['template', 'connection', 'templating is pure: it renders values and never reaches a host'],
];

/**
 * Violations that exist and are being removed, keyed by rule name; each entry allows exactly one
 * importing file to import exactly one file. None today: keep it that way.
 */
const knownExceptions = {};

/** The rule name the check reports for a forbidden edge, e.g. engine-not-to-report. */
const ruleName = (from, to) => `${from}-not-to-${to}`;
const exactPath = (file) => `^${file.replace(/[.]/g, '\\.')}$`;

/** One error rule per forbidden edge; a file with known exceptions gets a rule of its own that allows only those targets. */
function edgeRules([from, to, why]) {
  const name = ruleName(from, to);
  const exceptions = knownExceptions[name] ?? [];
  const sourcesWithExceptions = [...new Set(exceptions.map((e) => e.from))];
  const rules = [{
    name,
    severity: 'error',
    comment: `${from}/ must not import ${to}/: ${why}`,
    // (an empty pathNot list would match every path and switch the rule off)
    from: sourcesWithExceptions.length ? { path: `^src/${from}/`, pathNot: sourcesWithExceptions.map(exactPath) } : { path: `^src/${from}/` },
    to: { path: `^src/${to}/` },
  }];
  for (const source of sourcesWithExceptions) {
    rules.push({
      name,
      severity: 'error',
      comment: `${from}/ must not import ${to}/: ${why} (${source} has a known exception, nothing more)`,
      from: { path: exactPath(source) },
      to: { path: `^src/${to}/`, pathNot: exceptions.filter((e) => e.from === source).map((e) => exactPath(e.to)) },
    });
  }
  return rules;
}

/** Known exceptions show up as info, so the check can list them and leave them out of the folder-cycle check. */
const knownRules = Object.entries(knownExceptions).flatMap(([name, exceptions]) =>
  exceptions.map((e) => ({
    name: `known-${name}`,
    severity: 'info',
    comment: `known violation of ${name}, being removed`,
    from: { path: exactPath(e.from) },
    to: { path: exactPath(e.to) },
  })),
);

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [...forbiddenEdges.flatMap(edgeRules), ...knownRules],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports are layering too: without this, dependency-cruiser sees only what tsc emits.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
