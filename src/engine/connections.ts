// One connection per host for the whole run: opened on first need, reused across plays and by
// tasks delegated to the host, closed at the end. Tasks whose remote_user/port/connection keywords
// differ get their own connection to the host (another user is another login). A failed open is
// remembered, so the host is reported unreachable once and never dialled again.
import { UnreachableError, type Connection, type ConnectionSpec } from '../connection/types.js';
import { TsplayError } from '../errors.js';
import type { Vars } from '../model.js';

/** One connection per host and set of connection keywords (in any order: merges may reorder them). */
function poolKey(host: string, defaults: Vars | undefined): string {
  if (!defaults) return host;
  return `${host}\0${JSON.stringify(Object.entries(defaults).sort(([a], [b]) => (a < b ? -1 : 1)))}`;
}

export class ConnectionPool {
  private readonly opened = new Map<string, Promise<Connection>>();

  constructor(
    private readonly connect: (spec: ConnectionSpec) => Promise<Connection>,
    /** Resolves the host's spec from its variables and the task's connection keywords (called on each open). */
    private readonly specFor: (host: string, defaults: Vars | undefined) => ConnectionSpec,
  ) {}

  get(host: string, defaults?: Vars): Promise<Connection> {
    const key = poolKey(host, defaults);
    let pending = this.opened.get(key);
    if (!pending) {
      pending = this.open(host, defaults);
      this.opened.set(key, pending);
    }
    return pending;
  }

  /**
   * Drop the host's connection and dial again (after a reboot). A failure is not remembered: the
   * caller retries until the host is back.
   */
  async reopen(host: string, defaults?: Vars): Promise<Connection> {
    const key = poolKey(host, defaults);
    const old = this.opened.get(key);
    this.opened.delete(key);
    if (old) {
      try {
        await (await old).close();
      } catch {
        // The old connection died with the host: nothing to close.
      }
    }
    const fresh = await this.connect(this.specFor(host, defaults));
    this.opened.set(key, Promise.resolve(fresh));
    return fresh;
  }

  /**
   * meta: reset_connection: close the host's open connections (every set of connection keywords); the
   * next task dials again. A failed open stays remembered: the host is still unreachable.
   */
  async reset(host: string): Promise<void> {
    const keys = [...this.opened.keys()].filter((key) => key === host || key.startsWith(`${host}\0`));
    await Promise.all(keys.map(async (key) => {
      const pending = this.opened.get(key)!;
      let conn: Connection;
      try {
        conn = await pending;
      } catch {
        return;
      }
      if (this.opened.get(key) === pending) this.opened.delete(key);
      try {
        await conn.close();
      } catch {
        // Closing a connection that already died: the next task dials anew either way.
      }
    }));
  }

  private async open(host: string, defaults: Vars | undefined): Promise<Connection> {
    try {
      return await this.connect(this.specFor(host, defaults));
    } catch (error) {
      if (error instanceof UnreachableError) throw error;
      const message = error instanceof TsplayError ? error.message : (error as Error).message ?? String(error);
      throw new UnreachableError(host, message, { cause: error });
    }
  }

  async closeAll(): Promise<void> {
    const all = [...this.opened.values()];
    this.opened.clear();
    await Promise.all(all.map(async (p) => {
      try {
        await (await p).close();
      } catch {
        // Unreachable hosts have nothing to close; a failing close must not hide the recap.
      }
    }));
  }
}

/**
 * The connection a module sees for one task: the task's `environment` is exported for every
 * command and the task's `timeout` applies even when a module does not pass it on.
 */
export function taskConnection(conn: Connection, env: Readonly<Record<string, string>> | undefined, timeoutMs: number | undefined): Connection {
  if (!env && timeoutMs === undefined) return conn;
  return {
    host: conn.host,
    exec: (command, options = {}) => conn.exec(command, {
      ...options,
      env: env ? { ...env, ...options.env } : options.env,
      timeoutMs: options.timeoutMs ?? timeoutMs,
    }),
    put: (path, content, options) => conn.put(path, content, options),
    upload: (path, source, options) => conn.upload(path, source, options),
    download: (path, localPath, options) => conn.download(path, localPath, options),
    get: (path, options) => conn.get(path, options),
    close: () => conn.close(),
  };
}

/** For controller-only modules (debug, set_fact, assert): no host is contacted. */
export function controllerOnlyConnection(host: string, module: string): Connection {
  const refuse = async (): Promise<never> => {
    throw new TsplayError(`module '${module}' runs on the controller and has no connection to ${host}`);
  };
  return { host, exec: refuse, put: refuse, upload: refuse, download: refuse, get: refuse, close: async () => undefined };
}
