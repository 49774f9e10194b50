import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseHostUrl, resolveEndpoints } from '../../../src-main/engine/endpoint';
import type { EndpointContext } from '../../../src-main/engine/endpoint';

/** A Linux user (uid 1000) with only the given paths present. */
function linux(overrides: Partial<EndpointContext> = {}, present: string[] = []): EndpointContext {
  return {
    env: {},
    platform: 'linux',
    homedir: '/home/ada',
    uid: 1000,
    exists: (p) => present.includes(p),
    ...overrides,
  };
}

const addresses = (ctx: EndpointContext, choice: 'docker' | 'podman' | 'auto'): string[] =>
  resolveEndpoints(choice, ctx).map((c) => c.address);

describe('resolveEndpoints', () => {
  test('auto on Linux: Docker sockets first, then rootful and rootless Podman', () => {
    const ctx = linux({ env: { XDG_RUNTIME_DIR: '/run/user/1000' } });
    assert.deepEqual(addresses(ctx, 'auto'), [
      'unix:///var/run/docker.sock',
      'unix:///home/ada/.docker/run/docker.sock',
      'unix:///run/user/1000/docker.sock',
      'unix:///run/podman/podman.sock',
      'unix:///run/user/1000/podman/podman.sock',
    ]);
    const kinds = resolveEndpoints('auto', ctx).map((c) => c.kind);
    assert.deepEqual(kinds, ['docker', 'docker', 'docker', 'podman', 'podman']);
  });

  test('rootless Podman under /run/user/<uid> even without XDG_RUNTIME_DIR', () => {
    assert.deepEqual(addresses(linux(), 'podman'), [
      'unix:///run/podman/podman.sock',
      'unix:///run/user/1000/podman/podman.sock',
    ]);
  });

  test('a different XDG_RUNTIME_DIR adds its socket before /run/user/<uid>', () => {
    const ctx = linux({ env: { XDG_RUNTIME_DIR: '/tmp/xdg' } });
    assert.deepEqual(addresses(ctx, 'podman'), [
      'unix:///run/podman/podman.sock',
      'unix:///tmp/xdg/podman/podman.sock',
      'unix:///run/user/1000/podman/podman.sock',
    ]);
  });

  test('marks which sockets are present and says where each came from', () => {
    const ctx = linux({}, ['/run/podman/podman.sock']);
    const list = resolveEndpoints('auto', ctx);
    const podman = list.find((c) => c.address === 'unix:///run/podman/podman.sock');
    assert.equal(podman?.present, true);
    assert.equal(podman?.source, 'Podman rootful socket');
    assert.equal(list.find((c) => c.address === 'unix:///var/run/docker.sock')?.present, false);
    assert.equal(list[0]?.source, 'default Docker socket');
  });

  test('DOCKER_HOST is the only candidate for docker, and the first for auto', () => {
    const ctx = linux({ env: { DOCKER_HOST: 'unix:///srv/engine.sock' } }, ['/srv/engine.sock']);
    assert.deepEqual(resolveEndpoints('docker', ctx), [
      {
        kind: 'docker',
        transport: { type: 'unix', path: '/srv/engine.sock' },
        address: 'unix:///srv/engine.sock',
        source: 'DOCKER_HOST',
        present: true,
      },
    ]);
    const auto = addresses(ctx, 'auto');
    assert.equal(auto[0], 'unix:///srv/engine.sock');
    assert.ok(auto.includes('unix:///run/podman/podman.sock'), 'auto still falls back to the defaults');
  });

  test('DOCKER_HOST does not affect --engine podman; CONTAINER_HOST does', () => {
    const ctx = linux({ env: { DOCKER_HOST: 'tcp://10.0.0.1:2375', CONTAINER_HOST: 'unix:///run/alt/podman.sock' } });
    assert.deepEqual(addresses(ctx, 'podman'), ['unix:///run/alt/podman.sock']);
    assert.deepEqual(addresses(ctx, 'docker'), ['tcp://10.0.0.1:2375']);
    const auto = resolveEndpoints('auto', ctx);
    assert.deepEqual(
      auto.slice(0, 2).map((c) => [c.address, c.source, c.kind]),
      [
        ['tcp://10.0.0.1:2375', 'DOCKER_HOST', 'docker'],
        ['unix:///run/alt/podman.sock', 'CONTAINER_HOST', 'podman'],
      ],
    );
  });

  test('an empty DOCKER_HOST counts as unset', () => {
    assert.equal(addresses(linux({ env: { DOCKER_HOST: '  ' } }), 'docker')[0], 'unix:///var/run/docker.sock');
  });

  test('an explicit host replaces everything else', () => {
    const ctx = linux({ env: { DOCKER_HOST: 'tcp://10.0.0.1:2375' }, host: 'unix:///x/y.sock' });
    assert.deepEqual(
      resolveEndpoints('auto', ctx).map((c) => [c.address, c.source]),
      [['unix:///x/y.sock', '--host']],
    );
    assert.equal(resolveEndpoints('podman', ctx)[0]?.kind, 'podman');
  });

  test('the same socket from two sources is listed once', () => {
    const ctx = linux({ env: { DOCKER_HOST: 'unix:///var/run/docker.sock' } });
    const auto = addresses(ctx, 'auto');
    assert.equal(auto.filter((a) => a === 'unix:///var/run/docker.sock').length, 1);
    const root = linux({ uid: 0, env: { XDG_RUNTIME_DIR: '/run/user/0' } });
    const rootPodman = addresses(root, 'podman');
    assert.deepEqual(rootPodman, ['unix:///run/podman/podman.sock', 'unix:///run/user/0/podman/podman.sock']);
  });

  test('macOS: Docker Desktop and friends, then the Podman machine', () => {
    const ctx: EndpointContext = { env: { TMPDIR: '/var/folders/ab/T/' }, platform: 'darwin', homedir: '/Users/ada', uid: 501, exists: () => false };
    assert.deepEqual(addresses(ctx, 'auto'), [
      'unix:///var/run/docker.sock',
      'unix:///Users/ada/.docker/run/docker.sock',
      'unix:///Users/ada/.colima/default/docker.sock',
      'unix:///Users/ada/.orbstack/run/docker.sock',
      'unix:///Users/ada/.rd/docker.sock',
      'unix:///var/folders/ab/T/podman/podman-machine-default-api.sock',
      'unix:///Users/ada/.local/share/containers/podman/machine/podman.sock',
      'unix:///Users/ada/.local/share/containers/podman/machine/qemu/podman.sock',
    ]);
  });

  test('Windows: the named pipes', () => {
    const ctx: EndpointContext = { env: {}, platform: 'win32', homedir: 'C:\\Users\\ada', exists: () => false };
    const list = resolveEndpoints('auto', ctx);
    assert.deepEqual(
      list.map((c) => [c.kind, c.address, c.present]),
      [
        ['docker', 'npipe:////./pipe/docker_engine', true],
        ['podman', 'npipe:////./pipe/podman-machine-default', true],
      ],
    );
  });
});

describe('parseHostUrl (DOCKER_HOST forms)', () => {
  const ctx = linux();
  const parse = (url: string, env: Record<string, string> = {}) => parseHostUrl(url, 'docker', 'DOCKER_HOST', { ...ctx, env });

  test('unix://', () => {
    const c = parse('unix:///var/run/docker.sock');
    assert.deepEqual(c.transport, { type: 'unix', path: '/var/run/docker.sock' });
    assert.equal(c.present, false);
    assert.equal(c.invalid, undefined);
  });

  test('unix:// without a path is invalid, with a hint', () => {
    assert.match(parse('unix://').invalid ?? '', /needs a socket path/);
  });

  test('tcp://host:port is plain HTTP', () => {
    const c = parse('tcp://192.168.1.10:2375');
    assert.deepEqual(c.transport, { type: 'tcp', host: '192.168.1.10', port: 2375, tls: false });
    assert.equal(c.address, 'tcp://192.168.1.10:2375');
    assert.equal(c.present, true);
  });

  test('tcp:// on 2376, or with DOCKER_TLS_VERIFY, is TLS with DOCKER_CERT_PATH', () => {
    assert.deepEqual(parse('tcp://engine.local:2376').transport, { type: 'tcp', host: 'engine.local', port: 2376, tls: true });
    assert.deepEqual(parse('tcp://engine.local:4243', { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs' }).transport, {
      type: 'tcp',
      host: 'engine.local',
      port: 4243,
      tls: true,
      certPath: '/certs',
    });
  });

  test('tcp:// without a port defaults to 2375 (2376 with TLS)', () => {
    assert.equal(parse('tcp://engine.local').address, 'tcp://engine.local:2375');
    assert.equal(parse('tcp://engine.local', { DOCKER_TLS_VERIFY: '1' }).address, 'tcp://engine.local:2376');
  });

  test('a bare host:port and an IPv6 host', () => {
    assert.deepEqual(parse('127.0.0.1:2375').transport, { type: 'tcp', host: '127.0.0.1', port: 2375, tls: false });
    const v6 = parse('tcp://[::1]:2375');
    assert.deepEqual(v6.transport, { type: 'tcp', host: '::1', port: 2375, tls: false });
    assert.equal(v6.address, 'tcp://[::1]:2375');
  });

  test('npipe://', () => {
    const c = parse('npipe:////./pipe/docker_engine');
    assert.deepEqual(c.transport, { type: 'npipe', path: '//./pipe/docker_engine' });
    assert.equal(c.address, 'npipe:////./pipe/docker_engine');
  });

  test('ssh:// and unknown schemes are reported as unusable, not dialled', () => {
    assert.match(parse('ssh://me@host').invalid ?? '', /ssh:\/\/ hosts are not supported/);
    assert.match(parse('fd://').invalid ?? '', /unsupported scheme "fd:\/\/"/);
    assert.match(parse('tcp://').invalid ?? '', /not a valid address|needs a host/);
  });
});
