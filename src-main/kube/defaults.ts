// Defaulting, as the API server applies it (pkg/apis/core/v1/defaults.go) before validation.
import type { ConfigMap, Container, HTTPGetAction, KubeObject, LifecycleHandler, Pod, Probe, RuntimeClass, Secret, Service, Volume } from '../model';
import type { Draft } from './draft';

export const DEFAULT_NAMESPACE = 'default';
export const DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS = 30;
/**
 * The namespace of a namespaced object. Defaulting sets it; this covers objects built without it
 * (a spec container's lookups, a CLI option left out), so the default lives here only.
 */
export function namespaceOf(metadata: { namespace?: string | undefined }): string {
  return metadata.namespace ?? DEFAULT_NAMESPACE;
}

/** A pod's terminationGracePeriodSeconds, defaulted (0 stays 0: stop at once). */
export function gracePeriodSecondsOf(spec: { terminationGracePeriodSeconds?: number | undefined }): number {
  return spec.terminationGracePeriodSeconds ?? DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS;
}

/** 0644: the default file mode of configMap, secret and downwardAPI volumes. */
export const DEFAULT_VOLUME_MODE = 0o644;

/** `latest` or no tag → Always; any other tag or a digest → IfNotPresent. */
export function defaultImagePullPolicy(image: string): 'Always' | 'IfNotPresent' {
  if (image.includes('@')) return 'IfNotPresent';
  const lastSegment = image.slice(image.lastIndexOf('/') + 1); // a registry port is not a tag
  const colon = lastSegment.indexOf(':');
  const tag = colon === -1 ? '' : lastSegment.slice(colon + 1);
  return tag === '' || tag === 'latest' ? 'Always' : 'IfNotPresent';
}

type DraftObject = Draft<KubeObject> | Draft<Secret & { stringData?: Record<string, string> }>;

/** Fills in defaults in place (the object is a fresh copy made by the shape check). */
export function applyDefaults(object: DraftObject): void {
  if (object.kind !== 'RuntimeClass') {
    object.metadata ??= {};
    object.metadata.namespace ||= DEFAULT_NAMESPACE;
  }
  switch (object.kind) {
    case 'Pod':
      return defaultPod(object as Draft<Pod>);
    case 'Service':
      return defaultService(object as Draft<Service>);
    case 'Secret':
      return defaultSecret(object as Draft<Secret & { stringData?: Record<string, string> }>);
    case 'ConfigMap':
    case 'RuntimeClass':
      return noDefaults(object as Draft<ConfigMap | RuntimeClass>);
  }
}

function noDefaults(_object: Draft<ConfigMap | RuntimeClass>): void {}

function defaultPod(pod: Draft<Pod>): void {
  const spec = (pod.spec ??= {});
  spec.restartPolicy ??= 'Always';
  spec.terminationGracePeriodSeconds ??= DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS;
  spec.enableServiceLinks ??= true;
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) if (c) defaultContainer(c);
  for (const v of spec.volumes ?? []) if (v) defaultVolume(v);
}

function defaultContainer(c: Draft<Container>): void {
  c.terminationMessagePath ??= '/dev/termination-log';
  c.terminationMessagePolicy ??= 'File';
  if (c.imagePullPolicy === undefined && typeof c.image === 'string') {
    c.imagePullPolicy = defaultImagePullPolicy(c.image.trim());
  }
  for (const p of c.ports ?? []) if (p) p.protocol ??= 'TCP';
  for (const e of c.env ?? []) {
    const fieldRef = e?.valueFrom?.fieldRef;
    if (fieldRef) fieldRef.apiVersion ??= 'v1';
  }
  for (const probe of [c.livenessProbe, c.readinessProbe, c.startupProbe]) if (probe) defaultProbe(probe);
  defaultHandler(c.lifecycle?.postStart);
  defaultHandler(c.lifecycle?.preStop);
}

/** Probe timings are plain int32 in the API: zero counts as unset. */
function defaultProbe(p: Draft<Probe>): void {
  p.timeoutSeconds ||= 1;
  p.periodSeconds ||= 10;
  p.successThreshold ||= 1;
  p.failureThreshold ||= 3;
  defaultHttpGet(p.httpGet);
}

function defaultHandler(h: Draft<LifecycleHandler> | undefined): void {
  defaultHttpGet(h?.httpGet);
}

function defaultHttpGet(h: Draft<HTTPGetAction> | undefined): void {
  if (!h) return;
  h.path ||= '/';
  h.scheme ??= 'HTTP';
}

function defaultVolume(v: Draft<Volume>): void {
  const { name: _name, ...sources } = v;
  // A volume that names no source at all is an emptyDir.
  if (Object.keys(sources).length === 0) v.emptyDir = {};
  if (v.configMap) v.configMap.defaultMode ??= DEFAULT_VOLUME_MODE;
  if (v.secret) v.secret.defaultMode ??= DEFAULT_VOLUME_MODE;
  if (v.downwardAPI) {
    v.downwardAPI.defaultMode ??= DEFAULT_VOLUME_MODE;
    for (const item of v.downwardAPI.items ?? []) if (item?.fieldRef) item.fieldRef.apiVersion ??= 'v1';
  }
}

function defaultService(svc: Draft<Service>): void {
  const spec = (svc.spec ??= {});
  spec.type ??= 'ClusterIP';
  for (const p of spec.ports ?? []) {
    if (!p) continue;
    p.protocol ??= 'TCP';
    if (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
  }
}

function defaultSecret(secret: Draft<Secret & { stringData?: Record<string, string> }>): void {
  secret.type ||= 'Opaque';
}

/**
 * `stringData` is merged into `data` (base64), winning over `data` for the same key, as the
 * API server does. Called after validation, so that problems are reported at `stringData`.
 */
export function mergeStringData(secret: Draft<Secret & { stringData?: Record<string, string> }>): void {
  const { stringData } = secret;
  if (stringData === undefined) return;
  delete secret.stringData;
  const data = (secret.data ??= {});
  for (const [key, value] of Object.entries(stringData)) {
    if (typeof value !== 'string') continue;
    Object.defineProperty(data, key, {
      value: Buffer.from(value, 'utf8').toString('base64'),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
}
