import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseEngineTime, toCreateOptions } from '../../../src-main/engine/container-spec';

describe('toCreateOptions', () => {
  test('ports are published on 127.0.0.1 by default, with an engine-chosen host port', () => {
    const opts = toCreateOptions({
      image: 'local/pause:1',
      portBindings: [{ containerPort: 8080 }, { containerPort: 53, protocol: 'udp', hostIp: '0.0.0.0', hostPort: 5353 }],
    });
    assert.deepEqual(opts.ExposedPorts, { '8080/tcp': {}, '53/udp': {} });
    assert.deepEqual(opts.HostConfig?.PortBindings, {
      '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }],
      '53/udp': [{ HostIp: '0.0.0.0', HostPort: '5353' }],
    });
  });

  test('a joined container: network mode, env in order, image defaults kept when unset', () => {
    const opts = toCreateOptions({
      name: 'p_main',
      image: 'local/busybox:1',
      labels: { 'berth.role': 'container' },
      networkMode: 'container:abc',
      env: { B: '2', A: '1' },
      stopSignal: 'SIGQUIT',
      runtime: 'crun',
    });
    assert.equal(opts.name, 'p_main');
    assert.equal(opts.HostConfig?.NetworkMode, 'container:abc');
    assert.equal(opts.HostConfig?.Runtime, 'crun');
    assert.deepEqual(opts.Env, ['B=2', 'A=1']);
    assert.equal(opts.StopSignal, 'SIGQUIT');
    assert.equal('Entrypoint' in opts, false, 'no entrypoint key: the image ENTRYPOINT stays');
    assert.equal('Cmd' in opts, false);
    assert.equal('Hostname' in opts, false);
  });
});

test("parseEngineTime: Go's zero time means never", () => {
  assert.equal(parseEngineTime('0001-01-01T00:00:00Z'), undefined);
  assert.equal(parseEngineTime(''), undefined);
  assert.equal(parseEngineTime('2026-11-25T07:48:00.123456789Z'), Date.parse('2026-11-25T07:48:00.123Z'));
});
