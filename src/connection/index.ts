// The one entry point the engine uses to reach a host: local or ssh, with a couple of retries for
// failures that often pass (sshd restarting, a host still booting), never for host key or auth ones.
import { LocalConnection } from './local.js';
import { openSshConnection, type SshConnection } from './ssh.js';
import { SshConnectError } from './ssh-connect.js';
import { UnreachableError, type Connection, type ConnectionSpec, type ExecOptions } from './types.js';

export interface ConnectOptions {
  /** Used for become when a task gives no password of its own (-K / ansible_become_password). */
  readonly becomePassword?: string;
  /** Passphrase for encrypted private key files. */
  readonly privateKeyPassphrase?: string;
  /** Waits before each retry of a transient failure; default 0.5 s then 1 s (two retries). */
  readonly retryDelaysMs?: readonly number[];
}

const DEFAULT_RETRY_DELAYS_MS = [500, 1000];

/** A LocalConnection that fills in the run's become password, as SshConnection does. */
class LocalConnectionWithBecomePassword extends LocalConnection {
  constructor(host: string, private readonly becomePassword: string) {
    super(host);
  }

  override exec(command: string, options: ExecOptions = {}) {
    const become = options.become && options.become.password === undefined ? { ...options.become, password: this.becomePassword } : options.become;
    return super.exec(command, { ...options, ...(become ? { become } : {}) });
  }
}

export function isTransientConnectError(error: unknown): boolean {
  return error instanceof SshConnectError && error.transient;
}

export async function connect(spec: ConnectionSpec, options: ConnectOptions = {}): Promise<Connection> {
  if (spec.kind === 'local') {
    return options.becomePassword !== undefined ? new LocalConnectionWithBecomePassword(spec.host, options.becomePassword) : new LocalConnection(spec.host);
  }
  const delays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const secrets = { becomePassword: options.becomePassword, privateKeyPassphrase: options.privateKeyPassphrase };
  for (let attempt = 0; ; attempt++) {
    try {
      return await openSshConnection(spec, secrets) satisfies SshConnection;
    } catch (error) {
      if (!isTransientConnectError(error) || attempt >= delays.length) {
        if (error instanceof UnreachableError) throw error;
        throw new UnreachableError(spec.host, `${spec.host}: ${(error as Error).message}`, { cause: error });
      }
      await new Promise((resolve) => setTimeout(resolve, delays[attempt]));
    }
  }
}

export { openSshConnection, SshConnection } from './ssh.js';
export { resolveConnectionSpec, type ConnectionCliOptions } from './spec.js';
export { LocalConnection } from './local.js';
