// The socket stays private: a long data dir puts it in a folder only its owner can use, and both
// sides refuse a folder or socket someone else could have planted. The client learns when the
// controller goes away.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { chmodSync, chownSync, lstatSync, mkdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { isInPrivateSocketDir, privateSocketDir, socketPathFor } from '../../../src-main/api/data-dir';
import type { CliContext } from '../../../src-main/cli/context';
import { parseCommandLine } from '../../../src-main/cli/args';
import { logsCommand } from '../../../src-main/cli/commands/logs';
import { connectSocketApi } from '../../../src-main/rpc/client';
import { serveApiOnSocket } from '../../../src-main/rpc/server';
import { fakeApi } from '../../support/fake-api';
import { makeTempDir } from '../../support/temp';

const dir = makeTempDir();
after(() => dir.remove());
const uid = process.getuid!();
let n = 0;
const fresh = (name: string) => join(dir.path, `${name}-${n++}`);
const isRoot = uid === 0;

describe('where the socket goes', () => {
  const longDataDir = join('/home/someone', 'x'.repeat(120), 'Berth');
  const digest = createHash('sha256').update(longDataDir).digest('hex').slice(0, 12);

  test('a short data dir keeps it inside', () => {
    assert.equal(socketPathFor('/home/me/.config/Berth', 'linux', {}), '/home/me/.config/Berth/berth.sock');
  });

  test('a long data dir puts it in $XDG_RUNTIME_DIR/berth', () => {
    const path = socketPathFor(longDataDir, 'linux', { XDG_RUNTIME_DIR: '/run/user/1000' });
    assert.equal(path, `/run/user/1000/berth/${digest}.sock`);
    assert.ok(isInPrivateSocketDir(path, { XDG_RUNTIME_DIR: '/run/user/1000' }));
  });

  test('without $XDG_RUNTIME_DIR, in a per-user folder in tmp, never a bare name in tmp', () => {
    const path = socketPathFor(longDataDir, 'linux', {});
    assert.equal(path, join(tmpdir(), `berth-${uid}`, `${digest}.sock`));
    assert.equal(privateSocketDir({ XDG_RUNTIME_DIR: 'relative/not/trusted' }), join(tmpdir(), `berth-${uid}`));
    assert.ok(!isInPrivateSocketDir(join(longDataDir.slice(0, 20), 'berth.sock'), {}));
  });
});

describe('the private socket folder', () => {
  test('the server creates it 0700 and the client connects through it', async () => {
    const runtime = fresh('runtime');
    mkdirSync(runtime, { mode: 0o700 });
    const previous = process.env.XDG_RUNTIME_DIR;
    process.env.XDG_RUNTIME_DIR = runtime; // the default detection (no options) must pick it up
    try {
      const path = socketPathFor(join(dir.path, 'y'.repeat(120)));
      assert.equal(path.startsWith(join(runtime, 'berth') + '/'), true);
      const server = await serveApiOnSocket(fakeApi().api, path);
      try {
        const folder = lstatSync(join(runtime, 'berth'));
        assert.equal(folder.mode & 0o777, 0o700);
        assert.equal(lstatSync(path).mode & 0o777, 0o600);
        const client = await connectSocketApi(path);
        assert.deepEqual(await client.listPods({}), { method: 'listPods' });
        client.close();
      } finally {
        await server.close();
      }
    } finally {
      if (previous === undefined) delete process.env.XDG_RUNTIME_DIR;
      else process.env.XDG_RUNTIME_DIR = previous;
    }
  });

  test('serving does not leave a restrictive umask behind', async () => {
    const before = process.umask();
    const folder = fresh('umask');
    const server = await serveApiOnSocket(fakeApi().api, join(folder, 's.sock'), { privateDir: true });
    assert.equal(process.umask(), before);
    await server.close();
  });

  test('a folder others can use (0777) is refused by the server and by the client', async () => {
    const folder = fresh('open');
    const path = join(folder, 's.sock');
    const server = await serveApiOnSocket(fakeApi().api, path, { privateDir: true });
    try {
      chmodSync(folder, 0o777);
      await assert.rejects(connectSocketApi(path, { privateDir: true }), /refusing to use .*: its mode is 0777, others may use it \(it must be 0700\)/);
      await server.close();
      await assert.rejects(serveApiOnSocket(fakeApi().api, path, { privateDir: true }), /refusing to use .*its mode is 0777/);
    } finally {
      await server.close().catch(() => {});
    }
  });

  test('a symlink in its place is refused by both sides', async () => {
    const real = fresh('real');
    const link = fresh('link');
    const server = await serveApiOnSocket(fakeApi().api, join(real, 's.sock'), { privateDir: true });
    try {
      symlinkSync(real, link);
      await assert.rejects(connectSocketApi(join(link, 's.sock'), { privateDir: true }), /refusing to use .*: it is a symlink/);
      await assert.rejects(serveApiOnSocket(fakeApi().api, join(link, 'other.sock'), { privateDir: true }), /it is a symlink/);
    } finally {
      await server.close();
    }
  });

  test('a folder owned by someone else is refused by both sides', { skip: !isRoot && 'needs root to chown' }, async () => {
    const folder = fresh('theirs');
    const path = join(folder, 's.sock');
    const server = await serveApiOnSocket(fakeApi().api, path, { privateDir: true });
    try {
      chownSync(folder, 4242, 4242);
      await assert.rejects(connectSocketApi(path, { privateDir: true }), /owned by uid 4242, not by you/);
      await assert.rejects(serveApiOnSocket(fakeApi().api, join(folder, 'b.sock'), { privateDir: true }), /owned by uid 4242/);
    } finally {
      await server.close();
    }
  });

  test('the client refuses a socket it does not own, wherever it is', { skip: !isRoot && 'needs root to chown' }, async () => {
    const folder = fresh('plain');
    const path = join(folder, 'berth.sock');
    const server = await serveApiOnSocket(fakeApi().api, path);
    try {
      chownSync(path, 4242, 4242);
      await assert.rejects(connectSocketApi(path), /refusing to connect to .*berth\.sock: it is owned by uid 4242, not by you/);
    } finally {
      await server.close();
    }
  });

  test('a missing folder or socket reads as "no controller" (ENOENT), for the CLI to run in-process', async () => {
    await assert.rejects(connectSocketApi(join(fresh('none'), 's.sock'), { privateDir: true }), (e: NodeJS.ErrnoException) => e.code === 'ENOENT');
    const folder = fresh('empty');
    mkdirSync(folder, { mode: 0o700 });
    await assert.rejects(connectSocketApi(join(folder, 's.sock'), { privateDir: true }), (e: NodeJS.ErrnoException) => e.code === 'ENOENT');
  });
});

describe('when the controller goes away', () => {
  test('the client says so: onClose fires, calls reject with "went away"', async () => {
    const path = join(fresh('away'), 's.sock');
    const server = await serveApiOnSocket(fakeApi().api, path);
    const client = await connectSocketApi(path);
    const closed = new Promise<void>((resolve) => client.onClose(resolve));
    await server.close();
    await closed;
    await assert.rejects(client.listPods({}), new RegExp(`the Berth controller at ${path} went away`));
    let late = false;
    client.onClose(() => (late = true));
    await new Promise((r) => setImmediate(r));
    assert.ok(late, 'a listener added after the close is called too');
  });

  test('`berth logs -f` ends with a clear error and exit 1', async () => {
    const path = join(fresh('logs'), 's.sock');
    const fake = fakeApi();
    const server = await serveApiOnSocket(fake.api, path);
    let stdout = '';
    let stderr = '';
    const { words: [, ...words], options } = parseCommandLine(['logs', 'demo', '-f']);
    const ctx: CliContext = {
      words,
      options,
      io: { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), readStdin: async () => '', env: {}, now: () => 0, isTerminal: false },
      dataDir: dir.path,
      engine: 'docker',
      async withApi(fn) {
        const client = await connectSocketApi(path);
        try {
          return await fn(client, path, client);
        } finally {
          client.close();
        }
      },
    };
    const running = logsCommand(ctx);
    for (let i = 0; i < 100 && fake.subscriptions.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    fake.push('logs', { text: 'line 1\n' });
    for (let i = 0; i < 100 && !stdout; i++) await new Promise((r) => setTimeout(r, 10));
    await server.close();
    assert.equal(await running, 1);
    assert.equal(stdout, 'line 1\n');
    assert.equal(stderr, `Error: the Berth controller at ${path} went away\n`);
  });
});
