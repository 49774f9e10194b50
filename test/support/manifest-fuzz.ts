// Generators of hostile manifests for the importer, shared by the unit properties (a few
// thousand runs) and the reliability suite (many more): text and structural mutations of the
// example files, and pods given random security settings. Each property checks what a user
// relies on: the importer returns, every problem points somewhere real in the file, and the Pod
// Security verdict agrees with a plain reading of the pod.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parseAllDocuments, stringify } from 'yaml';
import { importManifests, podSecurityFindings, type ImportResult } from '../../src-main/kube';

const dir = new URL('../../resources/examples/', import.meta.url);
export const examples = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => readFileSync(new URL(f, dir), 'utf8'));

/** The invariants of any import: diagnostics in the file, objects only when ok, a verdict for every pod. */
export function checkResult(text: string, result: ImportResult, file: string): void {
  assert.equal(result.ok, result.errors.length === 0);
  const lineCount = text.split('\n').length;
  const security = podSecurityFindings(result, file, 'warning').flatMap((f) => f.diagnostics);
  for (const d of [...result.errors, ...result.warnings, ...security]) {
    assert.equal(d.file, file);
    assert.ok(Number.isInteger(d.line) && d.line >= 1 && d.line <= lineCount, `line ${d.line} of ${lineCount}`);
    assert.ok(Number.isInteger(d.column) && d.column >= 1, `column ${d.column}`);
    assert.ok(d.message.length > 0);
  }
  if (!result.ok) assert.deepEqual(result.objects, []);
  else if (result.objects.length === 0) {
    // Nothing imported and nothing wrong: only possible when every document is empty.
    const docs = parseAllDocuments(text);
    assert.ok((Array.isArray(docs) ? docs : [docs]).every((d) => d.contents === null || d.toJS() === null));
  }
}

export const garbage = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('{a: [1, {b: c}]}', '[x, [y]]', '"80"', '- a\n- b', '*nope', '&anchor x', ': :', '{{', '---', '0x1F', '~'),
);

type Mutation = (lines: string[]) => string[];
const textMutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.nat().map((n): Mutation => (lines) => lines.filter((_, i) => i !== n % lines.length)), // delete a line
  fc.nat().map((n): Mutation => (lines) => lines.flatMap((l, i) => (i === n % lines.length ? [l, l] : [l]))), // duplicate keys
  fc.tuple(fc.nat(), garbage).map(
    ([n, g]): Mutation =>
      (lines) =>
        lines.map((l, i) => (i === n % lines.length ? l.replace(/:( .*)?$/, `: ${String(g).split('\n')[0]}`) : l)), // swap a value
  ),
  fc.tuple(fc.nat(), fc.string()).map(([n, s]): Mutation => (lines) => lines.toSpliced(n % (lines.length + 1), 0, s)), // insert garbage
  fc.nat().map((n): Mutation => (lines) => lines.join('\n').slice(0, n % (lines.join('\n').length + 1)).split('\n')), // truncate
);

/** Structural mutations on the parsed objects, re-serialised as YAML. */
export function mutateValue(value: unknown, picks: number[], replacement: unknown): unknown {
  if (picks.length === 0 || value === null || typeof value !== 'object') return replacement;
  const [pick = 0, ...rest] = picks;
  if (Array.isArray(value)) {
    if (value.length === 0) return replacement;
    const i = pick % value.length;
    return value.map((v, j) => (j === i ? mutateValue(v, rest, replacement) : v));
  }
  const keys = Object.keys(value);
  if (keys.length === 0) return replacement;
  const key = keys[pick % keys.length] ?? '';
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  if (rest.length === 0 && pick % 5 === 0) delete copy[key]; // delete a field
  else copy[key] = mutateValue(copy[key], rest, replacement);
  return copy;
}

/** Text mutations of the examples (deleted lines, duplicate keys, swapped values, garbage, truncation). */
export function textMutationProperty() {
  return fc.property(fc.constantFrom(...examples), fc.array(textMutation, { minLength: 1, maxLength: 4 }), (text, mutations) => {
    const mutated = mutations.reduce((lines, m) => m(lines), text.split('\n')).join('\n');
    checkResult(mutated, importManifests(mutated, 'fuzz.yaml'), 'fuzz.yaml');
  });
}

const parsedExamples = examples.map((text) => parseAllDocuments(text).map((d) => d.toJS() as unknown));

/** Structural mutations (deleted fields, swapped types, nested garbage), imported as UTF-8 bytes. */
export function structuralMutationProperty() {
  return fc.property(
    fc.nat(parsedExamples.length - 1),
    fc.array(fc.tuple(fc.array(fc.nat(), { maxLength: 8 }), fc.oneof(garbage, fc.jsonValue({ maxDepth: 3 }))), {
      minLength: 1,
      maxLength: 3,
    }),
    (index, edits) => {
      const docs = (parsedExamples[index] ?? []).map((doc) => edits.reduce((d, [picks, replacement]) => mutateValue(d, picks, replacement), doc));
      const text = docs.map((d) => stringify(d)).join('---\n');
      const bytes = new TextEncoder().encode(text);
      checkResult(text, importManifests(bytes, 'structural.yaml'), 'structural.yaml');
    },
  );
}

/** A "billion laughs": nine levels of nine aliases each, 9^9 nodes once expanded. */
export function aliasBomb(): string {
  const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 9; i++) {
    const prev = String.fromCharCode(96 + i);
    const name = String.fromCharCode(97 + i);
    levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
  }
  return levels.join('\n');
}

// ---- pods with random security settings

/** Mostly values the API accepts (so the verdict gets checked), now and then one it refuses. */
const mostly = <T>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<unknown>) =>
  fc.oneof({ arbitrary: valid, weight: 12 }, { arbitrary: invalid, weight: 1 });

const capability = fc.constantFrom('CHOWN', 'NET_BIND_SERVICE', 'KILL', 'SYS_ADMIN', 'NET_RAW', 'ALL', 'sys_admin', '');
const profileType = mostly(fc.constantFrom('RuntimeDefault', 'Unconfined', 'Localhost'), fc.constantFrom('Bogus', ''));
const profile = (localhostProfile: string) => profileType.map((type) => (type === 'Localhost' ? { type, localhostProfile } : { type }));
const hostPathPath = mostly(fc.constantFrom('/', '//', '/.', '/tmp/..', '/var/log', '/etc'), fc.constantFrom('relative/path', ''));

/** A container securityContext: some fields each time, any of them hostile, now and then of the wrong type. */
const containerContext = fc.record(
  {
    privileged: mostly(fc.boolean(), garbage),
    capabilities: fc.record({ add: fc.array(capability, { maxLength: 4 }), drop: fc.array(capability, { maxLength: 2 }) }),
    procMount: mostly(fc.constantFrom('Default', 'Unmasked'), fc.constant('Weird')),
    seccompProfile: profile('p.json'),
    appArmorProfile: profile('p'),
    seLinuxOptions: fc.record({ type: fc.constantFrom('container_t', 'spc_t', ''), user: fc.constantFrom('', 'root'), level: fc.constant('s0') }, { requiredKeys: [] }),
    windowsOptions: fc.record({ hostProcess: fc.boolean() }),
  },
  { requiredKeys: [] },
);

const podSecurityEdits = fc.record({
  spec: fc.record(
    {
      hostNetwork: mostly(fc.boolean(), garbage),
      hostPID: fc.boolean(),
      hostIPC: fc.boolean(),
      hostUsers: fc.boolean(),
      securityContext: fc.record(
        {
          sysctls: fc.array(fc.record({ name: mostly(fc.constantFrom('kernel.shm_rmid_forced', 'net.ipv4.tcp_rmem', 'kernel.msgmax', 'net.core.somaxconn'), fc.constant('')), value: fc.constant('1') }), { maxLength: 3 }),
          seccompProfile: profile('pod.json'),
        },
        { requiredKeys: [] },
      ),
    },
    { requiredKeys: [] },
  ),
  contexts: fc.array(fc.option(containerContext, { nil: undefined }), { maxLength: 3 }),
  hostPorts: fc.array(fc.option(mostly(fc.integer({ min: 1, max: 65535 }), fc.integer({ min: -1, max: 70000 })), { nil: undefined }), { maxLength: 3 }),
  hostPaths: fc.array(hostPathPath, { maxLength: 3 }),
  apparmorAnnotation: fc.option(fc.constantFrom('unconfined', 'runtime/default', 'localhost/x', 'bogus'), { nil: undefined }),
});

type Json = Record<string, unknown>;
type PodSecurityEdits = typeof podSecurityEdits extends fc.Arbitrary<infer T> ? T : never;

/** The example's first pod with the edits applied: containers get the contexts and host ports, hostPath volumes are added. */
function hostilePod(edits: PodSecurityEdits): Json {
  const example = parsedExamples.flat().find((d) => (d as Json | null)?.kind === 'Pod') as Json;
  const pod = structuredClone(example) as { metadata: Json; spec: Json & { containers: Json[]; volumes?: Json[] } };
  Object.assign(pod.spec, edits.spec);
  pod.spec.containers.forEach((container, i) => {
    const context = edits.contexts[i];
    if (context) container.securityContext = context;
    const hostPort = edits.hostPorts[i];
    if (hostPort !== undefined) container.ports = [{ containerPort: 8000 + i, hostPort }];
  });
  pod.spec.volumes = [...(pod.spec.volumes ?? []), ...edits.hostPaths.map((path, i) => ({ name: `host-${i}`, hostPath: { path } }))];
  if (edits.apparmorAnnotation) {
    const name = String(pod.spec.containers[0]?.name);
    pod.metadata.annotations = { [`container.apparmor.security.beta.kubernetes.io/${name}`]: edits.apparmorAnnotation };
  }
  return pod;
}

/**
 * Pods with random security settings: the import never throws, and when it succeeds the verdict
 * agrees with a plain reading of the pod (a privileged container is named, every hostPath is, a
 * root mount is called out) and points at real lines.
 */
export function podSecurityProperty() {
  return fc.property(podSecurityEdits, (edits) => {
    const pod = hostilePod(edits);
    // As YAML 1.1, which Berth reads (as Kubernetes does): a plain `y` would be a boolean there.
    const text = stringify(pod, { version: '1.1' });
    const result = importManifests(text, 'hostile.yaml');
    checkResult(text, result, 'hostile.yaml');
    if (!result.ok) return;
    const [finding] = podSecurityFindings(result, 'hostile.yaml', 'error');
    const controls = new Set(finding?.diagnostics.map((d) => d.podSecurity?.control));
    const containers = (pod.spec as { containers: { securityContext?: { privileged?: unknown } }[] }).containers;
    const anyPrivileged = containers.some((c) => c.securityContext?.privileged === true);
    assert.equal(controls.has('privileged'), anyPrivileged, 'privileged containers are named');
    assert.equal(controls.has('hostPath volumes'), edits.hostPaths.length > 0, 'hostPath volumes are named');
    const rootMounts = finding?.diagnostics.filter((d) => /the host's root filesystem/.test(d.message)).length ?? 0;
    assert.equal(rootMounts, edits.hostPaths.filter((p) => typeof p === 'string' && ['/', '//', '/.', '/tmp/..'].includes(p)).length, 'each root mount is called out');
    if (finding) {
      assert.ok(finding.verdict.summary.length > 0);
      assert.ok(finding.diagnostics.every((d) => d.severity === 'error' && d.path.length > 0 && d.podSecurity));
    }
  });
}
