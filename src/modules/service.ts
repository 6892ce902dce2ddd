// service: start/stop/enable a service with the host's own service manager (the service_mgr fact):
// systemctl under systemd, init scripts (service, update-rc.d/chkconfig) otherwise.
import { defineModule } from './lib/define-module.js';
import { serviceRunner, serviceSchemaProperties } from './lib/sys/service-control.js';

const schema = { type: 'object', additionalProperties: false, required: ['name'], properties: serviceSchemaProperties } as const;

export const serviceModule = defineModule({ name: 'service', schema, run: serviceRunner(false) });
