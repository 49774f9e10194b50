// `berth secret create docker-registry`, against a real in-process core.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { openCore, type Core } from '../../../src-main/api/core';
import { parseCommandLine } from '../../../src-main/cli/args';
import type { CliContext, CliIo } from '../../../src-main/cli/context';
import { secretCommand } from '../../../src-main/cli/commands/secret';
import { UsageError } from '../../../src-main/cli/format/output';
import { describeLocalNode } from '../../../src-main/kubelet/node';
import { FileSecretVault } from '../../../src-main/secrets/file-vault';
import { makeTempDir } from '../../support/temp';

let dir: ReturnType<typeof makeTempDir>;
let core: Core;
let vault: FileSecretVault;

beforeEach(async () => {
  dir = makeTempDir();
  vault = new FileSecretVault(`${dir.path}/secrets`);
  core = await openCore({
    dataDir: dir.path,
    engine: 'docker',
    node: describeLocalNode('testnode', 'linux', 'x64'),
    secretVault: vault,
    env: { DOCKER_HOST: 'unix:///nonexistent/berth.sock' },
  });
});
afterEach(async () => {
  await core.close();
  dir.remove();
});

async function run(argv: string[], io: Partial<CliIo> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const { words, options } = parseCommandLine(argv);
  let stdout = '';
  let stderr = '';
  const ctx: CliContext = {
    words: words.slice(1),
    options,
    io: {
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
      readStdin: () => Promise.resolve(''),
      env: {},
      now: () => 0,
      isTerminal: false,
      ...io,
    },
    dataDir: dir.path,
    engine: 'docker',
    withApi: (fn) => fn(core.api, 'in-process', { onClose: () => () => {} }),
  };
  const code = await secretCommand(ctx);
  return { code, stdout, stderr };
}

describe('berth secret create docker-registry', () => {
  test('stores a kubernetes.io/dockerconfigjson Secret as kubectl builds it, and prints only its name', async () => {
    const result = await run([
      'secret', 'create', 'docker-registry', 'regcred', '-n', 'team',
      '--docker-server', '127.0.0.1:5000', '--docker-username', 'alice', '--docker-password', 's3cret', '--docker-email', 'a@example.com',
    ]);
    assert.deepEqual(result, { code: 0, stdout: 'secret/regcred created\n', stderr: '' });
    const data = vault.get('team', 'regcred');
    assert.ok(data?.['.dockerconfigjson']);
    assert.deepEqual(JSON.parse(Buffer.from(data['.dockerconfigjson'], 'base64').toString('utf8')), {
      auths: { '127.0.0.1:5000': { username: 'alice', password: 's3cret', email: 'a@example.com', auth: 'YWxpY2U6czNjcmV0' } },
    });
  });

  test('the server defaults to Docker Hub\'s https://index.docker.io/v1/, the namespace to default', async () => {
    const result = await run(['secret', 'create', 'docker-registry', 'hub', '--docker-username', 'u', '--docker-password', 'p']);
    assert.equal(result.stdout, 'secret/hub created\n');
    const data = vault.get('default', 'hub');
    const json = JSON.parse(Buffer.from(data!['.dockerconfigjson']!, 'base64').toString('utf8')) as { auths: Record<string, unknown> };
    assert.deepEqual(Object.keys(json.auths), ['https://index.docker.io/v1/']);
  });

  test('without a username or password: kubectl\'s usage error, nothing stored', async () => {
    await assert.rejects(
      run(['secret', 'create', 'docker-registry', 'x', '--docker-username', 'u']),
      (error: Error) => error instanceof UsageError && /--docker-username, --docker-password and --docker-server is required/.test(error.message),
    );
    assert.equal(vault.get('default', 'x'), null);
  });

  test('other secret kinds and missing names are usage errors', async () => {
    await assert.rejects(run(['secret', 'create', 'generic', 'x']), UsageError);
    await assert.rejects(run(['secret', 'create', 'docker-registry', '--docker-username', 'u', '--docker-password', 'p']), UsageError);
  });

  test('an invalid name is refused by the API, with the password nowhere in the output', async () => {
    const result = await run(['secret', 'create', 'docker-registry', 'Bad_Name', '--docker-username', 'u', '--docker-password', 'hunter2']);
    assert.equal(result.code, 1);
    assert.doesNotMatch(result.stdout + result.stderr, /hunter2/);
    assert.match(result.stderr, /secret\/Bad_Name: nothing applied/);
  });
});

// The password off the command line (where the process list shows it): --password-stdin, as
// `docker login` has it, or a hidden prompt.
const base = ['secret', 'create', 'docker-registry', 'regcred', '--docker-server', '127.0.0.1:5000', '--docker-username', 'alice'];

function storedPassword(): string {
  const data = vault.get('default', 'regcred')!;
  const config = JSON.parse(Buffer.from(data['.dockerconfigjson']!, 'base64').toString('utf8')) as { auths: Record<string, { password: string }> };
  return config.auths['127.0.0.1:5000']!.password;
}

describe('berth secret create docker-registry: the password off the command line', () => {
  test('--password-stdin reads it from stdin, dropping one final newline', async () => {
    const result = await run([...base, '--password-stdin'], { readStdin: () => Promise.resolve('s3cret pass\r\n') });
    assert.equal(result.code, 0);
    assert.equal(result.stdout, 'secret/regcred created\n');
    assert.equal(storedPassword(), 's3cret pass');
  });

  test('--password-stdin with --docker-password is refused; an empty stdin is no password', async () => {
    await assert.rejects(run([...base, '--password-stdin', '--docker-password', 'x'], {}), (e: unknown) => e instanceof UsageError && /mutually exclusive/.test(e.message));
    await assert.rejects(run([...base, '--password-stdin'], { readStdin: () => Promise.resolve('\n') }), UsageError);
  });

  test('on a terminal, no password given: a hidden prompt asks for it', async () => {
    const prompts: string[] = [];
    const result = await run(base, { promptSecret: (prompt) => (prompts.push(prompt), Promise.resolve('typed-pw')) });
    assert.equal(result.code, 0);
    assert.deepEqual(prompts, ['Password: ']);
    assert.equal(storedPassword(), 'typed-pw');
  });
});
