import type { ModuleDefinition } from './types.js';
import { assertModule } from './assert.js';
import { asyncStatusModule } from './async_status.js';
import { blockinfileModule } from './blockinfile.js';
import { commandModule } from './command.js';
import { copyModule } from './copy.js';
import { debugModule } from './debug.js';
import { failModule } from './fail.js';
import { fetchModule } from './fetch.js';
import { fileModule } from './file.js';
import { findModule } from './find.js';
import { includeVarsModule } from './include_vars.js';
import { iniFileModule } from './ini_file.js';
import { lineinfileModule } from './lineinfile.js';
import { metaModule } from './meta.js';
import { pauseModule } from './pause.js';
import { rawModule } from './raw.js';
import { scriptModule } from './script.js';
import { setFactModule } from './set_fact.js';
import { shellModule } from './shell.js';
import { slurpModule } from './slurp.js';
import { statModule } from './stat.js';
import { templateModule } from './template.js';
import { waitForModule } from './wait_for.js';
import { waitForConnectionModule } from './wait_for_connection.js';

// Core modules (files, commands, facts, flow), one import each, sorted by name.
export const coreModules: readonly ModuleDefinition<any>[] = [
  assertModule,
  asyncStatusModule,
  blockinfileModule,
  commandModule,
  copyModule,
  debugModule,
  failModule,
  fetchModule,
  fileModule,
  findModule,
  includeVarsModule,
  iniFileModule,
  lineinfileModule,
  metaModule,
  pauseModule,
  rawModule,
  scriptModule,
  setFactModule,
  shellModule,
  slurpModule,
  statModule,
  templateModule,
  waitForModule,
  waitForConnectionModule,
];
