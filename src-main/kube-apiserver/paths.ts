// Request paths and methods → what they address, as the apiserver's RequestInfoFactory reads them
// (k8s.io/apiserver/pkg/endpoints/request/requestinfo.go): /api/v1/… for the core group,
// /apis/{group}/{version}/… for the others, namespaces/{ns}/ before namespaced resources, and the
// verb from the method and the path's shape. Pure.

export type RequestVerb = 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection';

export type ParsedPath =
  | { kind: 'version' }
  | { kind: 'health'; check: 'healthz' | 'livez' | 'readyz' }
  | { kind: 'api' }
  | { kind: 'apis' }
  | { kind: 'group'; group: string }
  | { kind: 'groupVersion'; group: string; version: string }
  | { kind: 'resource'; target: ResourceTarget }
  | { kind: 'unknown' };

export interface ResourceTarget {
  readonly group: string;
  readonly version: string;
  readonly resource: string;
  /** Set for a request inside a namespace (`/namespaces/{ns}/pods`), absent for cluster-wide. */
  readonly namespace?: string;
  readonly name?: string;
  readonly subresource?: string;
}

/** `namespaces/{name}/status` is the namespace's own subresource, not a resource inside it. */
const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

function decodeSegments(pathname: string): string[] | undefined {
  const trimmed = pathname.replace(/^\/+|\/+$/g, '');
  if (!trimmed) return [];
  try {
    const segments = trimmed.split('/').map(decodeURIComponent);
    return segments.some((s) => s === '' || s === '.' || s === '..') ? undefined : segments;
  } catch {
    return undefined; // malformed %-escape
  }
}

function resourcePath(group: string, version: string, rest: string[]): ParsedPath {
  let parts = rest;
  let namespace: string | undefined;
  if (parts[0] === 'namespaces' && parts.length > 1) {
    namespace = parts[1];
    if (parts.length > 2 && !NAMESPACE_SUBRESOURCES.has(parts[2]!)) parts = parts.slice(2);
    else namespace = undefined; // the namespace object: /namespaces/{name}[/status]
  }
  const [resource, name, subresource, ...extra] = parts;
  if (!resource || extra.length) return { kind: 'unknown' };
  return {
    kind: 'resource',
    target: {
      group,
      version,
      resource,
      ...(namespace !== undefined ? { namespace } : {}),
      ...(name !== undefined ? { name } : {}),
      ...(subresource !== undefined ? { subresource } : {}),
    },
  };
}

export function parsePath(pathname: string): ParsedPath {
  const segments = decodeSegments(pathname);
  if (!segments) return { kind: 'unknown' };
  const [first, second, third, ...rest] = segments;
  if (segments.length === 1 && first === 'version') return { kind: 'version' };
  if (segments.length === 1 && (first === 'healthz' || first === 'livez' || first === 'readyz')) return { kind: 'health', check: first };
  if (first === 'api') {
    if (!second) return { kind: 'api' };
    if (!third) return { kind: 'groupVersion', group: '', version: second };
    return resourcePath('', second, [third, ...rest]);
  }
  if (first === 'apis') {
    if (!second) return { kind: 'apis' };
    if (!third) return { kind: 'group', group: second };
    if (!rest.length) return { kind: 'groupVersion', group: second, version: third };
    return resourcePath(second, third, rest);
  }
  return { kind: 'unknown' };
}

/** strconv.ParseBool, as the apiserver decodes boolean query parameters (`True` from the Python client). */
export function queryBool(value: string | null): boolean | undefined {
  if (value === null) return undefined;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  return undefined;
}

/** `watch=true` on a GET makes it a watch (as the apiserver reads the query). */
function isWatch(query: URLSearchParams): boolean {
  return queryBool(query.get('watch')) === true;
}

/** The request's verb, or undefined for a method the apiserver has no verb for (e.g. TRACE). */
export function requestVerb(method: string, target: ResourceTarget, query: URLSearchParams): RequestVerb | undefined {
  const collection = target.name === undefined;
  switch (method) {
    case 'GET':
    case 'HEAD':
      if (collection) return isWatch(query) ? 'watch' : 'list';
      return isWatch(query) ? 'watch' : 'get';
    case 'POST':
      return 'create';
    case 'PUT':
      return collection ? undefined : 'update';
    case 'PATCH':
      return collection ? undefined : 'patch';
    case 'DELETE':
      return collection ? 'deletecollection' : 'delete';
    default:
      return undefined;
  }
}
