// get, list and watch of every served kind: the request's parameters to the core's Kubernetes
// reads (the contract's getKubeObject, listKubeObjects and kubeWatch), the answer in the
// representation kubectl asked for. The door decides nothing: selectors, versions and the watch
// cache are the core's.
import type { BerthApi } from '../../api/contract';
import type { ApiObject, ApiObjectWithFields, ServedKind } from '../../api/kube-objects/kinds';
import type { HandlerContext, Router } from '../router';
import type { ServedResource } from '../resources';
import { statusOfError } from './api-errors';
import { representationFor, sendObjects } from './respond';
import { serveWatch } from './watch';

/** What the reads need of the core: its API and, for the admin this door serves, Secret values. */
export interface ReadDeps {
  readonly api: Pick<BerthApi, 'getKubeObject' | 'listKubeObjects' | 'subscribe'>;
  readonly secretData?: (namespace: string, name: string) => Readonly<Record<string, string>> | null;
  readonly now: () => number;
}

/** The kinds the core serves, by the door's resource (events.k8s.io's Event is another shape: not served). */
const KIND_OF: ReadonlyArray<{ group: string; resource: string; kind: ServedKind }> = [
  { group: '', resource: 'pods', kind: 'Pod' },
  { group: '', resource: 'configmaps', kind: 'ConfigMap' },
  { group: '', resource: 'secrets', kind: 'Secret' },
  { group: '', resource: 'services', kind: 'Service' },
  { group: '', resource: 'namespaces', kind: 'Namespace' },
  { group: '', resource: 'nodes', kind: 'Node' },
  { group: '', resource: 'events', kind: 'Event' },
  { group: 'node.k8s.io', resource: 'runtimeclasses', kind: 'RuntimeClass' },
];

export const requestedObject = (ctx: HandlerContext) => ({
  group: ctx.resource.group,
  resource: ctx.resource.resource,
  kind: ctx.resource.kind,
  name: ctx.target.name,
});

/** A Secret as the API returns it to its admin: the values back in `data`. */
function withSecretData(object: ApiObject, deps: ReadDeps): ApiObjectWithFields {
  const fields = object as ApiObjectWithFields;
  if (object.kind !== 'Secret' || !deps.secretData) return fields;
  const data = deps.secretData(object.metadata.namespace ?? 'default', object.metadata.name);
  return data && Object.keys(data).length ? { ...fields, data: { ...data } } : fields;
}

const positiveInt = (value: string | null) => (value && /^\d{1,9}$/.test(value) && Number(value) > 0 ? Number(value) : undefined);

function optional<T>(value: T | undefined | null, key: string): Record<string, T> {
  return value === undefined || value === null || value === '' ? {} : { [key]: value };
}

async function get(ctx: HandlerContext, kind: ServedKind, deps: ReadDeps): Promise<void> {
  const representation = representationFor(ctx);
  if (!representation) return;
  try {
    const object = withSecretData(await deps.api.getKubeObject({ kind, name: ctx.target.name!, ...optional(ctx.target.namespace, 'namespace') }), deps);
    sendObjects(ctx, representation, [object], { resourceVersion: object.metadata.resourceVersion }, object, deps.now());
  } catch (error) {
    ctx.sendStatus(statusOfError(error, requestedObject(ctx)));
  }
}

async function list(ctx: HandlerContext, kind: ServedKind, deps: ReadDeps): Promise<void> {
  const representation = representationFor(ctx);
  if (!representation) return;
  const limit = positiveInt(ctx.query.get('limit'));
  try {
    const found = await deps.api.listKubeObjects({
      kind,
      ...optional(ctx.target.namespace, 'namespace'),
      ...optional(limit, 'limit'),
      ...optional(ctx.query.get('continue'), 'continue'),
      ...optional(ctx.query.get('labelSelector'), 'labelSelector'),
      ...optional(ctx.query.get('fieldSelector'), 'fieldSelector'),
    });
    const items = found.items.map((o) => withSecretData(o, deps));
    const metadata = { resourceVersion: found.resourceVersion, ...optional(found.continue, 'continue'), ...optional(found.remainingItemCount, 'remainingItemCount') };
    sendObjects(ctx, representation, items, metadata, { apiVersion: found.apiVersion, kind: found.kind, metadata, items }, deps.now());
  } catch (error) {
    ctx.sendStatus(statusOfError(error, requestedObject(ctx)));
  }
}

/** Registers get, list and watch for every served kind the core reads. */
export function registerReads(router: Router, deps: ReadDeps, table: readonly ServedResource[]): void {
  for (const { group, resource, kind } of KIND_OF) {
    const served = table.find((r) => r.group === group && r.resource === resource);
    if (!served) continue;
    const key = { group, version: served.version, resource };
    router.register(key, ['get'], (ctx) => get(ctx, kind, deps));
    router.register(key, ['list'], (ctx) => list(ctx, kind, deps));
    router.register(key, ['watch'], (ctx) => serveWatch(ctx, kind, deps));
  }
}
