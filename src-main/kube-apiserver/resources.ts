// The resources the Kubernetes API door serves: one table that discovery (legacy and aggregated)
// and the router both read, so what `kubectl api-resources` lists is exactly what is routed.
// Names, kinds, short names and categories are the API server's (pkg/registry/core/*/storage,
// `kubectl api-resources` against a cluster). Verbs are those Berth serves (issue #12): no
// deletecollection, and the node and events are read-only, as Berth writes them itself.

export type Verb = 'create' | 'delete' | 'get' | 'list' | 'patch' | 'update' | 'watch';

export interface ServedSubresource {
  /** e.g. `log`, `exec`, `status`. */
  readonly name: string;
  /** The kind a request to it answers with (PodExecOptions for exec, as the apiserver says). */
  readonly kind: string;
  readonly verbs: readonly Verb[];
}

export interface ServedResource {
  /** '' is the core (legacy) group served under /api. */
  readonly group: string;
  readonly version: string;
  /** Plural, lower case: the URL segment (`pods`). */
  readonly resource: string;
  readonly kind: string;
  readonly singular: string;
  readonly shortNames: readonly string[];
  readonly namespaced: boolean;
  readonly verbs: readonly Verb[];
  readonly categories: readonly string[];
  readonly subresources: readonly ServedSubresource[];
}

const WRITABLE: readonly Verb[] = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];
const READ_ONLY: readonly Verb[] = ['get', 'list', 'watch'];
const CONNECT: readonly Verb[] = ['create', 'get'];

function resource(fields: Omit<ServedResource, 'shortNames' | 'categories' | 'subresources'> & Partial<ServedResource>): ServedResource {
  return { shortNames: [], categories: [], subresources: [], ...fields };
}

export const SERVED_RESOURCES: readonly ServedResource[] = [
  resource({
    group: '',
    version: 'v1',
    resource: 'configmaps',
    kind: 'ConfigMap',
    singular: 'configmap',
    shortNames: ['cm'],
    namespaced: true,
    verbs: WRITABLE,
  }),
  resource({ group: '', version: 'v1', resource: 'events', kind: 'Event', singular: 'event', shortNames: ['ev'], namespaced: true, verbs: READ_ONLY }),
  resource({
    group: '',
    version: 'v1',
    resource: 'namespaces',
    kind: 'Namespace',
    singular: 'namespace',
    shortNames: ['ns'],
    namespaced: false,
    verbs: ['create', 'delete', 'get', 'list', 'watch'],
  }),
  resource({ group: '', version: 'v1', resource: 'nodes', kind: 'Node', singular: 'node', shortNames: ['no'], namespaced: false, verbs: READ_ONLY }),
  resource({
    group: '',
    version: 'v1',
    resource: 'pods',
    kind: 'Pod',
    singular: 'pod',
    shortNames: ['po'],
    namespaced: true,
    verbs: WRITABLE,
    categories: ['all'],
    subresources: [
      { name: 'attach', kind: 'PodAttachOptions', verbs: CONNECT },
      { name: 'exec', kind: 'PodExecOptions', verbs: CONNECT },
      { name: 'log', kind: 'Pod', verbs: ['get'] },
      { name: 'portforward', kind: 'PodPortForwardOptions', verbs: CONNECT },
      { name: 'status', kind: 'Pod', verbs: ['get'] },
    ],
  }),
  resource({ group: '', version: 'v1', resource: 'secrets', kind: 'Secret', singular: 'secret', namespaced: true, verbs: WRITABLE }),
  resource({
    group: '',
    version: 'v1',
    resource: 'services',
    kind: 'Service',
    singular: 'service',
    shortNames: ['svc'],
    namespaced: true,
    verbs: WRITABLE,
    categories: ['all'],
  }),
  resource({ group: 'events.k8s.io', version: 'v1', resource: 'events', kind: 'Event', singular: 'event', shortNames: ['ev'], namespaced: true, verbs: READ_ONLY }),
  resource({ group: 'node.k8s.io', version: 'v1', resource: 'runtimeclasses', kind: 'RuntimeClass', singular: 'runtimeclass', namespaced: false, verbs: WRITABLE }),
];

export interface GroupVersion {
  readonly group: string;
  readonly version: string;
}

/** `v1` for the core group, `group/version` otherwise (as apiVersion is written). */
export function groupVersionString({ group, version }: GroupVersion): string {
  return group ? `${group}/${version}` : version;
}

/** The named groups (not the core group), each with its versions, in table order. */
export function servedGroups(table: readonly ServedResource[] = SERVED_RESOURCES): { name: string; versions: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const r of table) {
    if (!r.group) continue;
    const versions = groups.get(r.group) ?? [];
    if (!versions.includes(r.version)) versions.push(r.version);
    groups.set(r.group, versions);
  }
  return [...groups].map(([name, versions]) => ({ name, versions }));
}

export function resourcesOf(gv: GroupVersion, table: readonly ServedResource[] = SERVED_RESOURCES): ServedResource[] {
  return table.filter((r) => r.group === gv.group && r.version === gv.version);
}

export function findResource(gv: GroupVersion, plural: string, table: readonly ServedResource[] = SERVED_RESOURCES): ServedResource | undefined {
  return table.find((r) => r.group === gv.group && r.version === gv.version && r.resource === plural);
}
