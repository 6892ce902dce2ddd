// get_url with secrets, for real through LocalConnection against an HTTP server on 127.0.0.1 that
// checks them: the download authenticates with curl and with wget (curl hidden from PATH), and no
// command line the module sends holds a secret: they travel on the command's stdin, where `ps` on
// the target cannot see them.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { getUrlModule, type GetUrlArgs } from '../../../src/modules/get_url.js';
import { FakeConnection, fakeContext } from './fake-connection.js';
import { RecordingConnection } from './recording-connection.js';

const TOKEN = 'tok-SECRET-7f3a';
const PASSWORD = 'pw-SECRET-91c2';
const SECRETS = [TOKEN, PASSWORD];

let server: Server;
let port = 0;
let dir = '';
let noCurlPath = '';

function authorized(path: string | undefined, authorization: string | undefined): boolean {
  if (path === '/bearer') return authorization === `Bearer ${TOKEN}`;
  if (path === '/basic') return authorization === `Basic ${Buffer.from(`alice:${PASSWORD}`).toString('base64')}`;
  return false;
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tsplay-get-url-secrets-'));
  // A PATH with every tool but curl, so that get_url takes wget.
  noCurlPath = join(dir, 'bin');
  mkdirSync(noCurlPath);
  for (const name of readdirSync('/usr/bin')) if (name !== 'curl') symlinkSync(join('/usr/bin', name), join(noCurlPath, name));
  server = createServer((req, res) => {
    if (authorized(req.url, req.headers.authorization)) res.writeHead(200).end(`payload of ${req.url}`);
    else res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="test"' }).end('no');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
});

after(() => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

for (const tool of ['curl', 'wget'] as const) {
  describe(`get_url with secrets through ${tool}`, () => {
    const run = async (name: string, args: Omit<GetUrlArgs, 'dest'>) => {
      const temp = join(dir, `${tool}-${name}-tmp`);
      mkdirSync(temp);
      const conn = new RecordingConnection(tool === 'wget' ? { PATH: noCurlPath, TMPDIR: temp } : { TMPDIR: temp });
      if (tool === 'wget') assert.notEqual((await conn.exec('command -v curl')).rc, 0, 'curl is hidden');
      const dest = join(dir, `${tool}-${name}`);
      const result = await getUrlModule.run({ ...fakeContext(new FakeConnection()), conn }, { ...args, dest });
      for (const command of conn.commands) {
        for (const secret of SECRETS) assert.ok(!command.includes(secret), `a command line holds a secret:\n${command}`);
      }
      assert.deepEqual(readdirSync(temp), [], 'no temporary file with the request is left');
      return { result, conn, dest };
    };

    it('sends headers from stdin and authenticates', async () => {
      const { result, conn, dest } = await run('header', { url: `http://127.0.0.1:${port}/bearer`, headers: { Authorization: `Bearer ${TOKEN}` } });
      assert.equal(result.failed, undefined, String(result.msg));
      assert.equal(readFileSync(dest, 'utf8'), 'payload of /bearer');
      assert.ok(conn.stdins.some((stdin) => stdin.includes(TOKEN)), 'the token went over stdin');
    });

    it('authenticates with url_username / url_password', async () => {
      const { result, dest } = await run('basic', { url: `http://127.0.0.1:${port}/basic`, url_username: 'alice', url_password: PASSWORD });
      assert.equal(result.failed, undefined, String(result.msg));
      assert.equal(readFileSync(dest, 'utf8'), 'payload of /basic');
    });

    it('authenticates with user:password@ in the URL', async () => {
      const { result, dest } = await run('userinfo', { url: `http://alice:${PASSWORD}@127.0.0.1:${port}/basic` });
      assert.equal(result.failed, undefined, String(result.msg));
      assert.equal(readFileSync(dest, 'utf8'), 'payload of /basic');
    });

    it('fails on refused credentials, without the password in the message', async () => {
      const { result, dest } = await run('refused', { url: `http://alice:wrong-${PASSWORD}@127.0.0.1:${port}/basic` });
      assert.equal(result.failed, true);
      assert.ok(!String(result.msg).includes(PASSWORD), String(result.msg));
      assert.match(String(result.msg), /downloading http:\/\/alice:\*{8}@127\.0\.0\.1/);
      assert.throws(() => readFileSync(dest));
    });
  });
}
