import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  envVarsFromServices,
  makeEnvVariableName,
  serviceEnvVars,
  type ServiceRecord,
} from '../../../src-main/kubelet/environment/service-env';
import { makeService } from './fixtures';

const T0 = Date.UTC(2025, 0, 1);

function asObject(vars: { name: string; value: string }[]): Record<string, string> {
  return Object.fromEntries(vars.map((v) => [v.name, v.value]));
}

test('names are upper-cased with - and . as _, and a leading digit gets a _', () => {
  assert.equal(makeEnvVariableName('my-db'), 'MY_DB');
  assert.equal(makeEnvVariableName('a.b-c'), 'A_B_C');
  assert.equal(makeEnvVariableName('3scale'), '_3SCALE');
});

test('two services: host, first port, named ports and the Docker link variables, in FromServices order', () => {
  const records: ServiceRecord[] = [
    // Unnamed single port, hosted on its DNS name (no cluster IP in Berth).
    { service: makeService('redis-cache', [{ port: 6379 }]), createdAt: T0 },
    // Named TCP + UDP ports with a user-set cluster IP.
    {
      service: makeService('dns-proxy', [
        { name: 'dns-tcp', port: 53, protocol: 'TCP' },
        { name: 'dns-udp', port: 5353, protocol: 'UDP' },
      ], { clusterIP: '10.96.0.10' }),
      createdAt: T0,
    },
  ];
  const vars = serviceEnvVars({ services: records, namespace: 'shop', enableServiceLinks: true, containerCreatedAt: T0 + 1 });
  assert.deepEqual(vars, [
    // Sorted by service name: dns-proxy first.
    { name: 'DNS_PROXY_SERVICE_HOST', value: '10.96.0.10' },
    { name: 'DNS_PROXY_SERVICE_PORT', value: '53' },
    { name: 'DNS_PROXY_SERVICE_PORT_DNS_TCP', value: '53' },
    { name: 'DNS_PROXY_SERVICE_PORT_DNS_UDP', value: '5353' },
    { name: 'DNS_PROXY_PORT', value: 'tcp://10.96.0.10:53' },
    { name: 'DNS_PROXY_PORT_53_TCP', value: 'tcp://10.96.0.10:53' },
    { name: 'DNS_PROXY_PORT_53_TCP_PROTO', value: 'tcp' },
    { name: 'DNS_PROXY_PORT_53_TCP_PORT', value: '53' },
    { name: 'DNS_PROXY_PORT_53_TCP_ADDR', value: '10.96.0.10' },
    { name: 'DNS_PROXY_PORT_5353_UDP', value: 'udp://10.96.0.10:5353' },
    { name: 'DNS_PROXY_PORT_5353_UDP_PROTO', value: 'udp' },
    { name: 'DNS_PROXY_PORT_5353_UDP_PORT', value: '5353' },
    { name: 'DNS_PROXY_PORT_5353_UDP_ADDR', value: '10.96.0.10' },
    { name: 'REDIS_CACHE_SERVICE_HOST', value: 'redis-cache' },
    { name: 'REDIS_CACHE_SERVICE_PORT', value: '6379' },
    { name: 'REDIS_CACHE_PORT', value: 'tcp://redis-cache:6379' },
    { name: 'REDIS_CACHE_PORT_6379_TCP', value: 'tcp://redis-cache:6379' },
    { name: 'REDIS_CACHE_PORT_6379_TCP_PROTO', value: 'tcp' },
    { name: 'REDIS_CACHE_PORT_6379_TCP_PORT', value: '6379' },
    { name: 'REDIS_CACHE_PORT_6379_TCP_ADDR', value: 'redis-cache' },
  ]);
});

test('an unnamed first port gets no _SERVICE_PORT_<NAME>; later named ports do', () => {
  const vars = asObject(envVarsFromServices([makeService('api', [{ port: 8080 }, { name: 'metrics', port: 9090 }])]));
  assert.equal(vars.API_SERVICE_PORT, '8080');
  assert.equal(vars.API_SERVICE_PORT_METRICS, '9090');
  assert.equal(vars.API_PORT, 'tcp://api:8080');
  assert.equal(vars.API_PORT_9090_TCP, 'tcp://api:9090');
  assert.equal(Object.keys(vars).filter((k) => k.startsWith('API_SERVICE_PORT_')).length, 1);
});

test('headless and ExternalName services get no variables; a non-IP clusterIP falls back to the name', () => {
  const vars = envVarsFromServices([
    makeService('headless', [{ port: 80 }], { clusterIP: 'None' }),
    makeService('external', [{ port: 80 }], { type: 'ExternalName', externalName: 'example.com' }),
  ]);
  assert.deepEqual(vars, []);
  const v6 = asObject(envVarsFromServices([makeService('v6', [{ port: 80 }], { clusterIP: 'fd00::10' })]));
  assert.equal(v6.V6_SERVICE_HOST, 'fd00::10');
  assert.equal(v6.V6_PORT, 'tcp://fd00::10:80'); // the kubelet adds no brackets either
});

test('only services of the namespace, created no later than the container, and only with service links', () => {
  const records: ServiceRecord[] = [
    { service: makeService('early', [{ port: 1 }]), createdAt: T0 },
    { service: makeService('same-time', [{ port: 2 }]), createdAt: T0 + 5 },
    { service: makeService('late', [{ port: 3 }]), createdAt: T0 + 6 },
    { service: makeService('elsewhere', [{ port: 4 }], {}, 'other'), createdAt: T0 },
  ];
  const input = { services: records, namespace: 'shop', enableServiceLinks: true, containerCreatedAt: T0 + 5 };
  const hosts = serviceEnvVars(input).filter((v) => v.name.endsWith('_SERVICE_HOST'));
  assert.deepEqual(hosts.map((v) => v.name), ['EARLY_SERVICE_HOST', 'SAME_TIME_SERVICE_HOST']);
  assert.deepEqual(serviceEnvVars({ ...input, enableServiceLinks: false }), []);
});
