// The engine's collaborators written by other parts of tsplay (templating, host patterns, connection
// specs, facts). They are gathered here, in one place, so the engine depends on an interface and
// tests can swap any of them.
import type { ConnectionCliOptions } from '../connection/spec.js';
import { resolveConnectionSpec, readUserSshConfig } from '../connection/spec.js';
import type { Connection, ConnectionSpec } from '../connection/types.js';
import type { Inventory, Vars } from '../model.js';
import { gatherFacts } from '../facts/index.js';
import { selectHosts } from '../plan/patterns.js';
import * as template from '../template/index.js';

export interface TemplateServices {
  /** Template every string inside a value (Ansible 2.14's rule: text, read back when it spells a list, dict or boolean). */
  templateValue(value: unknown, scope: Vars, where: string): unknown;
  evaluate(expression: string, scope: Vars, where: string): unknown;
  /** All conditions must hold (a YAML list means AND). */
  evaluateCondition(conditions: readonly string[], scope: Vars, where: string): boolean;
  renderTemplate(text: string, scope: Vars, name: string): string;
}

export interface EngineServices extends TemplateServices {
  selectHosts(inventory: Inventory, pattern: string): string[];
  resolveConnectionSpec(host: string, hostVars: Vars, cli: ConnectionCliOptions): ConnectionSpec;
  gatherFacts(conn: Connection): Promise<Record<string, unknown>>;
}

export function defaultServices(): EngineServices {
  let sshConfig: string | undefined;
  return {
    templateValue: template.templateValue,
    evaluate: template.evaluate,
    evaluateCondition: template.evaluateCondition,
    renderTemplate: template.renderTemplate,
    selectHosts,
    resolveConnectionSpec: (host, vars, cli) => resolveConnectionSpec(host, vars, cli, (sshConfig ??= readUserSshConfig())),
    gatherFacts: (conn) => gatherFacts(conn),
  };
}
