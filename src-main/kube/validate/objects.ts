// Secret, ConfigMap, Service and RuntimeClass.
import { isIP } from 'node:net';
import { mapKey, type Path } from '../path';
import { problems, type Reporter } from '../report';
import type { ConfigMap, RuntimeClass, Secret, Service } from '../../model';
import type { Draft } from '../draft';
import { checkEnum, checkFormat, checkRange, each, Uniques } from './check';
import { validateLabels, validateMetadata } from './metadata';
import { configMapKey, dns1035Label, dns1123Label, dns1123Subdomain, portName } from './names';
import { PROTOCOLS } from './ports';
import { validateResourceList } from './resources';

/** The API server's limit on a Secret's or ConfigMap's data. */
const MAX_DATA_BYTES = 1024 * 1024;

/** Keys each well-known Secret type must carry. */
// Maps, not object literals: the type is user input, and "toString" must not find Object.prototype's.
const REQUIRED_SECRET_KEYS: ReadonlyMap<string, readonly string[]> = new Map([
  ['kubernetes.io/dockercfg', ['.dockercfg']],
  ['kubernetes.io/dockerconfigjson', ['.dockerconfigjson']],
  ['kubernetes.io/ssh-auth', ['ssh-privatekey']],
  ['kubernetes.io/tls', ['tls.crt', 'tls.key']],
]);
/** Keys whose (decoded) value must be JSON. */
const JSON_SECRET_KEYS: ReadonlyMap<string, string> = new Map([
  ['kubernetes.io/dockercfg', '.dockercfg'],
  ['kubernetes.io/dockerconfigjson', '.dockerconfigjson'],
]);

function validateDataKeys(data: Record<string, string | undefined> | undefined, path: Path, r: Reporter): number {
  let bytes = 0;
  for (const [key, value] of Object.entries(data ?? {})) {
    for (const reason of configMapKey(key)) r.error([...path, mapKey(key)], problems.invalid(key, reason), 'key');
    bytes += value?.length ?? 0;
  }
  return bytes;
}

/**
 * JSON.parse's complaint without the bytes it quotes: V8 writes `Unexpected token 'p', "pass…"
 * is not valid JSON`, which would echo a Secret's value into every door that shows the error.
 */
export function jsonErrorWithoutValue(message: string): string {
  if (message.startsWith('Unexpected token')) return 'Unexpected token in JSON';
  return message.includes('"') ? 'not valid JSON' : message;
}

/** A Secret before `stringData` is merged into `data`: both are checked where they are written. */
export function validateSecret(secret: Draft<Secret & { stringData?: Record<string, string> }>, r: Reporter): void {
  validateMetadata(secret.metadata, r, dns1123Subdomain);
  const data = secret.data ?? {};
  const stringData = secret.stringData ?? {};
  const encodedBytes = validateDataKeys(data, ['data'], r);
  const bytes = Math.floor((encodedBytes * 3) / 4) + validateDataKeys(stringData, ['stringData'], r);
  if (bytes > MAX_DATA_BYTES) r.error(['data'], `may not be more than ${MAX_DATA_BYTES} bytes`);

  /** A key's decoded value and where it is written; stringData wins, as in the merge. */
  const valueOf = (key: string): { text: string; path: Path } | undefined => {
    const plain = Object.hasOwn(stringData, key) ? stringData[key] : undefined;
    if (plain !== undefined) return { text: plain, path: ['stringData', mapKey(key)] };
    const encoded = Object.hasOwn(data, key) ? data[key] : undefined;
    if (encoded !== undefined) return { text: Buffer.from(encoded, 'base64').toString('utf8'), path: ['data', mapKey(key)] };
    return undefined;
  };
  const type = secret.type ?? 'Opaque';
  for (const key of REQUIRED_SECRET_KEYS.get(type) ?? []) {
    if (!valueOf(key)) r.error(['data'], `a ${type} Secret needs the key "${key}" in data or stringData`);
  }
  const jsonKey = JSON_SECRET_KEYS.get(type);
  const json = jsonKey === undefined ? undefined : valueOf(jsonKey);
  if (json) {
    try {
      JSON.parse(json.text);
    } catch (e) {
      r.error(json.path, `invalid ${jsonKey}: the value is not JSON (${jsonErrorWithoutValue(jsonErrorText(e))})`);
    }
  }
  if (type === 'kubernetes.io/basic-auth' && !valueOf('username') && !valueOf('password')) {
    r.error(['data'], 'a kubernetes.io/basic-auth Secret needs the key "username" or "password"');
  }
}

export function validateConfigMap(cm: Draft<ConfigMap>, r: Reporter): void {
  validateMetadata(cm.metadata, r, dns1123Subdomain);
  const bytes = validateDataKeys(cm.data, ['data'], r) + validateDataKeys(cm.binaryData, ['binaryData'], r);
  for (const key of Object.keys(cm.binaryData ?? {})) {
    if (cm.data?.[key] !== undefined) {
      r.error(['binaryData', mapKey(key)], `duplicate of key "${key}" in data`, 'key');
    }
  }
  if (bytes > MAX_DATA_BYTES) r.error(['data'], `may not be more than ${MAX_DATA_BYTES} bytes`);
}

export function validateService(svc: Draft<Service>, r: Reporter): void {
  validateMetadata(svc.metadata, r, dns1035Label);
  const spec = svc.spec ?? {};
  const at = (field: string): Path => ['spec', field];
  checkEnum(r, at('type'), spec.type, ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName']);
  validateLabels(spec.selector, at('selector'), r);
  const headless = spec.clusterIP === 'None';
  if (spec.clusterIP !== undefined && spec.clusterIP !== '' && !headless && isIP(spec.clusterIP) === 0) {
    r.error(at('clusterIP'), problems.invalid(spec.clusterIP, 'must be empty, "None", or a valid IP address'));
  }
  if (spec.type === 'ExternalName') checkFormat(r, at('externalName'), spec.externalName, dns1123Subdomain, true);
  else if (!spec.ports?.length && !headless) r.missing(at('ports'));

  const names = new Uniques();
  const ports = new Uniques();
  const many = (spec.ports?.length ?? 0) > 1;
  each(spec.ports, (port, i) => {
    const p = (field: string): Path => [...at('ports'), i, field];
    // With several ports each needs a name, so that endpoints can tell them apart.
    checkFormat(r, p('name'), port.name, dns1123Label, many);
    names.check(r, p('name'), port.name);
    if (port.port === undefined) r.missing(p('port'));
    checkRange(r, p('port'), port.port, 1, 65535);
    checkEnum(r, p('protocol'), port.protocol, PROTOCOLS);
    ports.check(r, p('port'), `${port.port}/${port.protocol}`, `${port.port}/${port.protocol}`);
    checkRange(r, p('nodePort'), port.nodePort, 0, 65535);
    const target = port.targetPort;
    if (typeof target === 'number') checkRange(r, p('targetPort'), target, 1, 65535);
    else if (typeof target === 'string') checkFormat(r, p('targetPort'), target, portName, true);
  });
}

export function validateRuntimeClass(rc: Draft<RuntimeClass>, r: Reporter): void {
  validateMetadata(rc.metadata, r, dns1123Subdomain);
  checkFormat(r, ['handler'], rc.handler, dns1123Label, true);
  validateResourceList(rc.overhead?.podFixed, ['overhead', 'podFixed'], r);
  validateLabels(rc.scheduling?.nodeSelector, ['scheduling', 'nodeSelector'], r);
  each(rc.scheduling?.tolerations, (t, i) => {
    checkEnum(r, ['scheduling', 'tolerations', i, 'operator'], t.operator, ['Exists', 'Equal']);
    checkEnum(r, ['scheduling', 'tolerations', i, 'effect'], t.effect, ['NoSchedule', 'PreferNoSchedule', 'NoExecute']);
  });
}

/**
 * JSON.parse's message without the " (line 1 column 2)" that newer V8 versions (Node 22+, Electron)
 * append: the offset already says where, and the message stays the same on every runtime.
 */
function jsonErrorText(error: unknown): string {
  return (error as Error).message.replace(/ \(line \d+ column \d+\)$/, '');
}
