// Discovery documents, built from the served-resources table: the legacy ones (/api, /api/v1,
// /apis, /apis/{g}, /apis/{g}/{v}) and aggregated discovery (apidiscovery.k8s.io v2 and
// v2beta1 APIGroupDiscoveryList, which kubectl ≥ 1.26 asks for first). Shapes follow
// k8s.io/apimachinery/pkg/apis/meta/v1 (APIResourceList, APIGroupList) and k8s.io/api/apidiscovery,
// converted as apiserver/pkg/endpoints/discovery/aggregated does. Pure.
import { groupVersionString, resourcesOf, servedGroups, SERVED_RESOURCES, type GroupVersion, type ServedResource } from './resources';
import { KUBERNETES_MAJOR, KUBERNETES_MINOR, KUBERNETES_RELEASE } from '../model';

/**
 * The Kubernetes version Berth says it serves. kubectl warns when its minor version is more than
 * one away from the server's (version skew policy); the newest (1.33) is the one whose
 * semantics Berth follows, so current kubectl (1.32–1.34) is quiet and older ones warn as they
 * would against a 1.33 cluster. `+berth` is semver build metadata, as k3s writes `+k3s1`.
 */
export const KUBERNETES_VERSION = { major: KUBERNETES_MAJOR, minor: KUBERNETES_MINOR, gitVersion: `${KUBERNETES_RELEASE}+berth` } as const;

const GO_ARCH: Partial<Record<string, string>> = { x64: 'amd64', arm64: 'arm64', arm: 'arm', ia32: '386' };

/** What /version answers (k8s.io/apimachinery/pkg/version.Info; every field is always present). */
export function versionInfo(platform: string = process.platform, arch: string = process.arch): Record<string, string> {
  return {
    major: KUBERNETES_VERSION.major,
    minor: KUBERNETES_VERSION.minor,
    gitVersion: KUBERNETES_VERSION.gitVersion,
    gitCommit: '',
    gitTreeState: '',
    buildDate: '',
    goVersion: '',
    compiler: '',
    platform: `${platform}/${GO_ARCH[arch] ?? arch}`,
  };
}

/** /api: the core group's versions. */
export function apiVersions(serverAddress: string): object {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}

function legacyGroup(name: string, versions: readonly string[]): object {
  const entries = versions.map((version) => ({ groupVersion: `${name}/${version}`, version }));
  return { name, versions: entries, preferredVersion: entries[0] };
}

/** /apis: the named groups. */
export function apiGroupList(table: readonly ServedResource[] = SERVED_RESOURCES): object {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: servedGroups(table).map((g) => legacyGroup(g.name, g.versions)) };
}

/** /apis/{group}, or undefined for a group Berth does not serve. */
export function apiGroup(name: string, table: readonly ServedResource[] = SERVED_RESOURCES): object | undefined {
  const group = servedGroups(table).find((g) => g.name === name);
  return group && { kind: 'APIGroup', apiVersion: 'v1', ...legacyGroup(group.name, group.versions) };
}

function legacyResources(r: ServedResource): object[] {
  const main = {
    name: r.resource,
    singularName: r.singular,
    namespaced: r.namespaced,
    kind: r.kind,
    verbs: [...r.verbs],
    ...(r.shortNames.length ? { shortNames: [...r.shortNames] } : {}),
    ...(r.categories.length ? { categories: [...r.categories] } : {}),
  };
  const subs = r.subresources.map((s) => ({ name: `${r.resource}/${s.name}`, singularName: '', namespaced: r.namespaced, kind: s.kind, verbs: [...s.verbs] }));
  return [main, ...subs];
}

/** /api/v1 or /apis/{g}/{v}: an APIResourceList, or undefined when nothing is served there. */
export function apiResourceList(gv: GroupVersion, table: readonly ServedResource[] = SERVED_RESOURCES): object | undefined {
  const served = resourcesOf(gv, table);
  if (!served.length) return undefined;
  // The core list carries no apiVersion; the groups' do (as the apiserver writes them).
  return {
    kind: 'APIResourceList',
    ...(gv.group ? { apiVersion: 'v1' } : {}),
    groupVersion: groupVersionString(gv),
    resources: served.flatMap(legacyResources),
  };
}

export type AggregatedVersion = 'v2' | 'v2beta1';

function aggregatedResource(r: ServedResource): object {
  return {
    resource: r.resource,
    responseKind: { group: '', version: '', kind: r.kind },
    scope: r.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: r.singular,
    verbs: [...r.verbs],
    ...(r.shortNames.length ? { shortNames: [...r.shortNames] } : {}),
    ...(r.categories.length ? { categories: [...r.categories] } : {}),
    ...(r.subresources.length
      ? { subresources: r.subresources.map((s) => ({ subresource: s.name, responseKind: { group: '', version: '', kind: s.kind }, verbs: [...s.verbs] })) }
      : {}),
  };
}

function aggregatedGroup(name: string, versions: readonly string[], table: readonly ServedResource[]): object {
  return {
    metadata: name ? { name, creationTimestamp: null } : { creationTimestamp: null },
    versions: versions.map((version) => ({
      version,
      resources: resourcesOf({ group: name, version }, table).map(aggregatedResource),
      freshness: 'Current',
    })),
  };
}

/** Aggregated discovery for /api (`legacy`: the core group) or /apis (every named group). */
export function aggregatedDiscovery(scope: 'legacy' | 'groups', version: AggregatedVersion, table: readonly ServedResource[] = SERVED_RESOURCES): object {
  const items =
    scope === 'legacy' ? [aggregatedGroup('', ['v1'], table)] : servedGroups(table).map((g) => aggregatedGroup(g.name, g.versions, table));
  return { kind: 'APIGroupDiscoveryList', apiVersion: `apidiscovery.k8s.io/${version}`, metadata: {}, items };
}

/** The Content-Type of an aggregated discovery answer, as client-go compares it (g, v, as). */
export function aggregatedContentType(version: AggregatedVersion): string {
  return `application/json;g=apidiscovery.k8s.io;v=${version};as=APIGroupDiscoveryList`;
}

/**
 * Which discovery document an Accept header asks for: the first media type, in the client's
 * order, that Berth can serve (JSON only; protobuf is skipped so the client's next choice wins).
 */
export function negotiateDiscovery(accept: string | undefined): AggregatedVersion | 'legacy' {
  for (const part of (accept ?? '').split(',')) {
    const [type = '', ...rawParams] = part.split(';').map((s) => s.trim());
    const params = new Map(rawParams.map((p) => p.split('=').map((s) => s.trim()) as [string, string]));
    if (type !== 'application/json' && type !== '*/*' && type !== 'application/*') continue;
    if (!params.has('g') && !params.has('as')) return 'legacy';
    const v = params.get('v');
    if (params.get('g') === 'apidiscovery.k8s.io' && params.get('as') === 'APIGroupDiscoveryList' && (v === 'v2' || v === 'v2beta1')) return v;
  }
  return 'legacy';
}
