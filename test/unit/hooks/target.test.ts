// Where httpGet/tcpSocket actions connect: named ports, published ports, explicit hosts.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { resolveContainerPort, resolveTarget, TargetError } from '../../../src-main/hooks/target';
import type { ContainerPort } from '../../../src-main/model';

const ports: ContainerPort[] = [
  { name: 'http', containerPort: 8080, protocol: 'TCP' },
  { name: 'metrics', containerPort: 9090, protocol: 'TCP' },
];
const published: Record<number, number> = { 8080: 49001, 9090: 49002 };
const ctx = { container: { name: 'main', ports }, publishedPort: (p: number) => published[p] };

describe('resolveContainerPort (probe.ResolveContainerPort)', () => {
  test('a number as is, a name through the container ports', () => {
    assert.equal(resolveContainerPort(8080, { ports }), 8080);
    assert.equal(resolveContainerPort('metrics', { ports }), 9090);
  });

  test('unknown names and out-of-range numbers fail with the kubelet texts', () => {
    assert.deepEqual(resolveContainerPort('admin', { ports }), new TargetError('port "admin" not found'));
    assert.equal((resolveContainerPort(0, { ports }) as Error).message, 'invalid port number: 0');
    assert.equal((resolveContainerPort(70000, {}) as Error).message, 'invalid port number: 70000');
  });
});

describe('resolveTarget', () => {
  test('the pod is reached on 127.0.0.1 at the published port; Host keeps podIP:containerPort', () => {
    const t = resolveTarget({ port: 'http' }, { ...ctx, podIP: '10.88.0.4' });
    assert.ok(!(t instanceof TargetError));
    assert.deepEqual([t.host, t.port, t.hostHeader, t.containerPort], ['127.0.0.1', 49001, '10.88.0.4:8080', 8080]);
    assert.deepEqual(t.dialFor('10.88.0.4', 9090), { host: '127.0.0.1', port: 49002 }, 'the pod address maps to its published ports');
    assert.deepEqual(t.dialFor('example.test', 80), { host: 'example.test', port: 80 });
  });

  test('without a known pod IP the Host header is the address dialled', () => {
    const t = resolveTarget({ port: 8080 }, ctx);
    assert.ok(!(t instanceof TargetError));
    assert.equal(t.hostHeader, '127.0.0.1:49001');
  });

  test('an undeclared port is not published: the error says how to fix it', () => {
    const t = resolveTarget({ port: 3000 }, ctx);
    assert.ok(t instanceof TargetError);
    assert.match(t.message, /port 3000 of the pod is not published/);
    assert.match(t.message, /declare it under `ports`/);
    assert.match(t.message, /containerPort: 3000/);
  });

  test('an explicit host is dialled as given, with any port', () => {
    const t = resolveTarget({ port: 3000, host: '127.0.0.5' }, ctx);
    assert.ok(!(t instanceof TargetError));
    assert.deepEqual([t.host, t.port, t.hostHeader], ['127.0.0.5', 3000, '127.0.0.5:3000']);
    const v6 = resolveTarget({ port: 80, host: '::1' }, ctx);
    assert.ok(!(v6 instanceof TargetError));
    assert.equal(v6.hostHeader, '[::1]:80');
  });

  test('a bad port name fails before the published ports are consulted', () => {
    const t = resolveTarget({ port: 'nope' }, ctx);
    assert.ok(t instanceof TargetError);
    assert.equal(t.message, 'port "nope" not found');
  });
});
