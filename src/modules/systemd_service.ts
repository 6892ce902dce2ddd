// systemd_service: Ansible 2.14's new name of `systemd` (ansible.builtin.systemd_service), same
// arguments and behaviour, so roles written for either name run.
import type { ModuleDefinition } from './types.js';
import { systemdModule } from './systemd.js';

export const systemdServiceModule: ModuleDefinition<any> = { ...systemdModule, name: 'systemd_service' };
