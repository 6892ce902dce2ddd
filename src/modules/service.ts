// service: start/stop/enable a service with the host's own service manager (the service_mgr fact):
// systemctl under systemd, init scripts (service, update-rc.d/chkconfig) otherwise.
import type { ModuleDefinition } from './types.js';
import { serviceRunner, serviceSchemaProperties, type ServiceArgs } from './lib/sys/service-control.js';

const schema = { type: 'object', additionalProperties: false, required: ['name'], properties: serviceSchemaProperties };

export const serviceModule: ModuleDefinition<ServiceArgs> = { name: 'service', schema, run: serviceRunner(false) };
