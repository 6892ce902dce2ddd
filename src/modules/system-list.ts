import type { ModuleDefinition } from './types.js';
import { aptModule } from './apt.js';
import { aptKeyModule } from './apt_key.js';
import { aptKeyringModule } from './apt_keyring.js';
import { aptRepositoryModule } from './apt_repository.js';
import { authorizedKeyModule } from './authorized_key.js';
import { cronModule } from './cron.js';
import { deb822RepositoryModule } from './deb822_repository.js';
import { dnfModule } from './dnf.js';
import { dpkgSelectionsModule } from './dpkg_selections.js';
import { getentModule } from './getent.js';
import { getUrlModule } from './get_url.js';
import { groupModule } from './group.js';
import { hostnameModule } from './hostname.js';
import { modprobeModule } from './modprobe.js';
import { mountModule } from './mount.js';
import { packageModule } from './package.js';
import { packageFactsModule } from './package_facts.js';
import { rebootModule } from './reboot.js';
import { replaceModule } from './replace.js';
import { rpmKeyModule } from './rpm_key.js';
import { selinuxModule } from './selinux.js';
import { serviceModule } from './service.js';
import { serviceFactsModule } from './service_facts.js';
import { setupModule } from './setup.js';
import { swapModule } from './swap.js';
import { sysctlModule } from './sysctl.js';
import { systemdModule } from './systemd.js';
import { systemdServiceModule } from './systemd_service.js';
import { timezoneModule } from './timezone.js';
import { unarchiveModule } from './unarchive.js';
import { uriModule } from './uri.js';
import { userModule } from './user.js';
import { yumRepositoryModule } from './yum_repository.js';

// System modules for Kubernetes hosts (packages, repositories, services, kernel, accounts), one import each, sorted by name.
export const systemModules: readonly ModuleDefinition<any>[] = [
  aptModule,
  aptKeyModule,
  aptKeyringModule,
  aptRepositoryModule,
  authorizedKeyModule,
  cronModule,
  deb822RepositoryModule,
  dnfModule,
  dpkgSelectionsModule,
  getUrlModule,
  getentModule,
  groupModule,
  hostnameModule,
  modprobeModule,
  mountModule,
  packageModule,
  packageFactsModule,
  rebootModule,
  replaceModule,
  rpmKeyModule,
  selinuxModule,
  serviceModule,
  serviceFactsModule,
  setupModule,
  swapModule,
  sysctlModule,
  systemdModule,
  systemdServiceModule,
  timezoneModule,
  unarchiveModule,
  uriModule,
  userModule,
  yumRepositoryModule,
];
