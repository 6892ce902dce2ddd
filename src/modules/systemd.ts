// systemd: like `service` but always through systemctl (daemon_reload, masked).
import { defineModule } from './lib/define-module.js';
import { serviceRunner, serviceSchemaProperties } from './lib/sys/service-control.js';

const schema = {
  type: 'object',
  additionalProperties: false,
  properties: { ...serviceSchemaProperties, 'daemon-reload': { description: 'Alias of daemon_reload.', type: 'boolean' } },
} as const;

const run = serviceRunner(true);

export const systemdModule = defineModule({
  name: 'systemd',
  schema,
  run: (ctx, args) => {
    const { 'daemon-reload': alias, ...rest } = args;
    // `systemd: daemon_reload: true` alone is valid (name optional), so give the check a name to pass.
    const named = { ...rest, name: rest.name ?? 'tsplay-daemon-reload-only' };
    return run(ctx, { ...named, daemon_reload: rest.daemon_reload ?? alias });
  },
});
