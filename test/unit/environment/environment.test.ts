import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ConfigMap, Container, EnvVar, Secret } from '../../../src-main/model';
import {
  buildContainerEnv,
  expandCommandAndArgs,
  type ContainerEnvInput,
  type ContainerEnvResult,
  type ServiceRecord,
} from '../../../src-main/kubelet/environment';
import { makeConfigMap, makeContainer, makePod, makeSecret, makeService } from './fixtures';

const T0 = Date.UTC(2025, 0, 1);

interface Setup {
  container: Partial<Container>;
  configMaps?: ConfigMap[];
  secrets?: Secret[];
  services?: ServiceRecord[];
  enableServiceLinks?: boolean;
  envVarNames?: ContainerEnvInput['envVarNames'];
}

function build(setup: Setup): ContainerEnvResult {
  const container = makeContainer(setup.container);
  const pod = makePod([container], { enableServiceLinks: setup.enableServiceLinks ?? true });
  const find = <T extends { metadata: { name: string; namespace?: string } }>(list: T[] = []) =>
    (namespace: string, name: string) => list.find((o) => o.metadata.name === name && o.metadata.namespace === namespace);
  return buildContainerEnv({
    pod,
    container,
    runtime: { podIPs: ['172.18.0.5'], hostIPs: ['192.168.1.10'] },
    nodeAllocatable: { cpu: '4', memory: '8Gi' },
    getConfigMap: find(setup.configMaps),
    getSecret: find(setup.secrets),
    services: setup.services ?? [],
    containerCreatedAt: T0 + 1000,
    envVarNames: setup.envVarNames,
  });
}

function envOf(setup: Setup): { pairs: [string, string][]; warnings: string[] } {
  const result = build(setup);
  assert.ok(result.ok, result.ok ? '' : result.message);
  return { pairs: result.env.map((v) => [v.name, v.value]), warnings: result.warnings };
}

function failureOf(setup: Setup): string {
  const result = build(setup);
  assert.equal(result.ok, false, 'expected CreateContainerConfigError');
  assert.ok(!result.ok);
  assert.equal(result.reason, 'CreateContainerConfigError');
  return result.message;
}

const literal = (name: string, value: string): EnvVar => ({ name, value });

describe('env values and $(VAR) expansion', () => {
  test('declaration order; $(VAR) sees variables declared before it only', () => {
    const { pairs } = envOf({
      container: {
        env: [
          literal('A', 'a'),
          literal('B', '$(A)-b'),
          literal('C', '$(D)-c'), // D comes later: stays literal
          literal('D', 'd'),
          literal('E', '$$(A) and $$$(A)'),
          literal('F', 'price: $5, $(UNDEFINED)'),
        ],
      },
    });
    assert.deepEqual(pairs, [
      ['A', 'a'],
      ['B', 'a-b'],
      ['C', '$(D)-c'],
      ['D', 'd'],
      ['E', '$(A) and $a'],
      ['F', 'price: $5, $(UNDEFINED)'],
    ]);
  });

  test('a self-reference sees the earlier value, or stays literal when there is none', () => {
    const { pairs } = envOf({
      container: { env: [literal('PATH_X', '$(PATH_X)'), literal('P', '/bin'), literal('P', '$(P):/usr/bin')] },
    });
    assert.deepEqual(pairs, [
      ['PATH_X', '$(PATH_X)'],
      ['P', '/bin:/usr/bin'],
    ]);
  });

  test('a redefined name keeps its first position and takes its last value', () => {
    const { pairs } = envOf({
      container: { env: [literal('X', '1'), literal('Y', '2'), literal('X', '3')] },
    });
    assert.deepEqual(pairs, [
      ['X', '3'],
      ['Y', '2'],
    ]);
  });

  test('an entry without value or valueFrom is the empty string', () => {
    assert.deepEqual(envOf({ container: { env: [{ name: 'EMPTY' }] } }).pairs, [['EMPTY', '']]);
  });

  test('values are not re-expanded: a value containing $(X) text is taken as is', () => {
    const { pairs } = envOf({
      container: { env: [literal('X', 'x'), literal('REF', '$$(X)'), literal('USE', '[$(REF)]')] },
    });
    assert.deepEqual(pairs.at(-1), ['USE', '[$(X)]']);
  });
});

describe('envFrom', () => {
  const cm = makeConfigMap('settings', { LOG_LEVEL: 'debug', 'app.mode': 'fast', '1st': 'one', COLOR: 'blue' });

  test('keys are added in sorted order, with the prefix', () => {
    const { pairs, warnings } = envOf({
      container: { envFrom: [{ configMapRef: { name: 'settings' }, prefix: 'CFG_' }] },
      configMaps: [cm],
    });
    assert.deepEqual(pairs, [
      ['CFG_1st', 'one'],
      ['CFG_COLOR', 'blue'],
      ['CFG_LOG_LEVEL', 'debug'],
      ['CFG_app.mode', 'fast'],
    ]);
    assert.deepEqual(warnings, []);
  });

  test('strict names: invalid keys are skipped and reported in one InvalidEnvironmentVariableNames message', () => {
    const { pairs, warnings } = envOf({
      container: {
        envFrom: [{ configMapRef: { name: 'settings' } }, { secretRef: { name: 'creds' } }],
      },
      configMaps: [cm],
      secrets: [makeSecret('creds', { 'db-user': 'admin', '2fa': 'x', TOKEN: 't' })],
      envVarNames: 'strict',
    });
    assert.deepEqual(pairs, [
      ['COLOR', 'blue'],
      ['LOG_LEVEL', 'debug'],
      ['app.mode', 'fast'],
      ['TOKEN', 't'],
      ['db-user', 'admin'],
    ]);
    assert.deepEqual(warnings, [
      'Keys [1st] from the EnvFrom configMap shop/settings were skipped since they are considered invalid environment variable names.',
      'Keys [2fa] from the EnvFrom secret shop/creds were skipped since they are considered invalid environment variable names.',
    ]);
  });

  test('a later source overrides an earlier one; env overrides both and may expand them', () => {
    const { pairs } = envOf({
      container: {
        envFrom: [{ configMapRef: { name: 'a' } }, { configMapRef: { name: 'b' } }],
        env: [literal('GREETING', '$(WHO), hello'), literal('WHO', 'env')],
      },
      configMaps: [makeConfigMap('a', { WHO: 'a', ONLY_A: '1' }), makeConfigMap('b', { WHO: 'b' })],
    });
    assert.deepEqual(pairs, [
      ['ONLY_A', '1'],
      ['WHO', 'env'],
      ['GREETING', 'b, hello'], // expanded before WHO was redefined by env
    ]);
  });

  test('secrets are base64-decoded to UTF-8', () => {
    const { pairs } = envOf({
      container: { envFrom: [{ secretRef: { name: 's' } }] },
      secrets: [makeSecret('s', { PASSWORD: 'pä$$ wörd\n' })],
    });
    assert.deepEqual(pairs, [['PASSWORD', 'pä$$ wörd\n']]);
  });

  test('a missing source is an error unless optional', () => {
    assert.equal(
      failureOf({ container: { envFrom: [{ configMapRef: { name: 'gone' } }] } }),
      'configmap "gone" not found',
    );
    assert.equal(failureOf({ container: { envFrom: [{ secretRef: { name: 'gone' } }] } }), 'secret "gone" not found');
    const { pairs } = envOf({
      container: {
        envFrom: [{ configMapRef: { name: 'gone', optional: true } }, { secretRef: { name: 'gone', optional: true } }],
        env: [literal('A', 'a')],
      },
    });
    assert.deepEqual(pairs, [['A', 'a']]);
  });

  test('a ConfigMap in another namespace is not found', () => {
    assert.equal(
      failureOf({
        container: { envFrom: [{ configMapRef: { name: 'settings' } }] },
        configMaps: [makeConfigMap('settings', { A: '1' }, 'other')],
      }),
      'configmap "settings" not found',
    );
  });
});

describe('valueFrom', () => {
  test('configMapKeyRef and secretKeyRef', () => {
    const { pairs } = envOf({
      container: {
        env: [
          { name: 'MODE', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'mode' } } },
          { name: 'PASS', valueFrom: { secretKeyRef: { name: 'sec', key: 'password' } } },
        ],
      },
      configMaps: [makeConfigMap('cfg', { mode: 'prod' })],
      secrets: [makeSecret('sec', { password: 's3cr3t' })],
    });
    assert.deepEqual(pairs, [
      ['MODE', 'prod'],
      ['PASS', 's3cr3t'],
    ]);
  });

  test('a missing key is an error naming namespace and object', () => {
    const configMaps = [makeConfigMap('cfg', { mode: 'prod' })];
    const secrets = [makeSecret('sec', { password: 'x' })];
    assert.equal(
      failureOf({ container: { env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'nope' } } }] }, configMaps }),
      "couldn't find key nope in ConfigMap shop/cfg",
    );
    assert.equal(
      failureOf({ container: { env: [{ name: 'X', valueFrom: { secretKeyRef: { name: 'sec', key: 'nope' } } }] }, secrets }),
      "couldn't find key nope in Secret shop/sec",
    );
    assert.equal(
      failureOf({ container: { env: [{ name: 'X', valueFrom: { secretKeyRef: { name: 'none', key: 'k' } } }] } }),
      'secret "none" not found',
    );
  });

  test('an optional reference to nothing leaves the variable unset, keeping an envFrom value', () => {
    const { pairs } = envOf({
      container: {
        envFrom: [{ configMapRef: { name: 'cfg' } }],
        env: [
          { name: 'MODE', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'nope', optional: true } } },
          { name: 'GONE', valueFrom: { secretKeyRef: { name: 'missing', key: 'k', optional: true } } },
          literal('AFTER', 'x'),
        ],
      },
      configMaps: [makeConfigMap('cfg', { MODE: 'from-envFrom' })],
    });
    assert.deepEqual(pairs, [
      ['MODE', 'from-envFrom'],
      ['AFTER', 'x'],
    ]);
  });

  test('fieldRef and resourceFieldRef', () => {
    const { pairs } = envOf({
      container: {
        resources: { limits: { memory: '256Mi' } },
        env: [
          { name: 'POD', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
          { name: 'IP', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'status.podIP' } } },
          { name: 'MEM', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } } },
          { name: 'CPU', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: '1m' } } },
          literal('DESC', '$(POD)@$(IP) mem=$(MEM)'),
        ],
      },
    });
    assert.deepEqual(pairs, [
      ['POD', 'web'],
      ['IP', '172.18.0.5'],
      ['MEM', '256'],
      ['CPU', '4000'], // no limit: the node's allocatable
      ['DESC', 'web@172.18.0.5 mem=256'],
    ]);
  });

  test('an unsupported field path fails container creation', () => {
    assert.equal(
      failureOf({ container: { env: [{ name: 'X', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'status.phase' } } }] } }),
      'unsupported fieldPath: status.phase',
    );
  });
});

describe('service variables', () => {
  const services: ServiceRecord[] = [
    { service: makeService('db', [{ port: 5432 }]), createdAt: T0 },
    { service: makeService('late', [{ port: 1 }]), createdAt: T0 + 5000 },
  ];

  test('come after the explicit variables; an explicit one overrides and is not repeated', () => {
    const { pairs } = envOf({
      container: { env: [literal('DB_SERVICE_PORT', '6543'), literal('URL', 'postgres://$(DB_SERVICE_HOST):$(DB_SERVICE_PORT)')] },
      services,
    });
    assert.deepEqual(pairs, [
      ['DB_SERVICE_PORT', '6543'],
      ['URL', 'postgres://db:6543'],
      ['DB_SERVICE_HOST', 'db'],
      ['DB_PORT', 'tcp://db:5432'],
      ['DB_PORT_5432_TCP', 'tcp://db:5432'],
      ['DB_PORT_5432_TCP_PROTO', 'tcp'],
      ['DB_PORT_5432_TCP_PORT', '5432'],
      ['DB_PORT_5432_TCP_ADDR', 'db'],
    ]);
  });

  test('an envFrom key beats a service variable in expansion', () => {
    const { pairs } = envOf({
      container: { envFrom: [{ configMapRef: { name: 'c' } }], env: [literal('H', '$(DB_SERVICE_HOST)')] },
      configMaps: [makeConfigMap('c', { DB_SERVICE_HOST: 'override' })],
      services,
    });
    assert.deepEqual(pairs.slice(0, 2), [
      ['DB_SERVICE_HOST', 'override'],
      ['H', 'override'],
    ]);
    assert.equal(pairs.filter(([n]) => n === 'DB_SERVICE_HOST').length, 1);
  });

  test('enableServiceLinks: false gives none, and $(…) to them stays literal', () => {
    const { pairs } = envOf({
      container: { env: [literal('H', '$(DB_SERVICE_HOST)')] },
      services,
      enableServiceLinks: false,
    });
    assert.deepEqual(pairs, [['H', '$(DB_SERVICE_HOST)']]);
  });
});

describe('expandCommandAndArgs', () => {
  test('expands against the final environment; unresolved and escaped references stay', () => {
    const env = [
      { name: 'GREETING', value: 'hi' },
      { name: 'NAME', value: 'berth' },
    ];
    const result = expandCommandAndArgs(
      { command: ['/bin/sh', '-c', 'echo $(GREETING) $(NAME) $$(NAME) $(MISSING) $HOME'], args: ['$(NAME)'] },
      env,
    );
    assert.deepEqual(result, {
      command: ['/bin/sh', '-c', 'echo hi berth $(NAME) $(MISSING) $HOME'],
      args: ['berth'],
    });
  });

  test('absent or empty command and args stay unset (the image defaults apply)', () => {
    assert.deepEqual(expandCommandAndArgs({}, []), {});
    assert.deepEqual(expandCommandAndArgs({ command: [], args: [] }, []), {});
  });
});
