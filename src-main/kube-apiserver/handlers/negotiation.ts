// Which representation a client asked for in its Accept header, as the API server negotiates it
// (apimachinery/pkg/runtime/serializer + endpoints/handlers/negotiation): the object as JSON or
// YAML, or a meta.k8s.io Table (what `kubectl get` asks for, v1 or v1beta1). Protobuf and
// PartialObjectMetadata are not served: the client falls back to the next type it listed. Pure.

export type Representation =
  | { readonly as: 'json'; readonly contentType: 'application/json' }
  | { readonly as: 'yaml'; readonly contentType: 'application/yaml' }
  | { readonly as: 'table'; readonly contentType: string; readonly tableApiVersion: 'meta.k8s.io/v1' | 'meta.k8s.io/v1beta1' };

/** What a refusal lists (the API server's 406 names the types it can send). */
export const SERVED_MEDIA_TYPES = ['application/json', 'application/yaml'] as const;

interface MediaRange {
  type: string;
  params: Map<string, string>;
  q: number;
}

function parseRange(text: string): MediaRange | undefined {
  const [head, ...rest] = text.split(';');
  const type = head?.trim().toLowerCase();
  if (!type) return undefined;
  const params = new Map<string, string>();
  for (const param of rest) {
    const eq = param.indexOf('=');
    if (eq > 0) params.set(param.slice(0, eq).trim().toLowerCase(), param.slice(eq + 1).trim().replace(/^"|"$/g, ''));
  }
  const q = params.has('q') ? Number(params.get('q')) : 1;
  return { type, params, q: Number.isFinite(q) ? q : 0 };
}

function representationOf(range: MediaRange): Representation | undefined {
  const as = range.params.get('as');
  const isJson = range.type === 'application/json' || range.type === '*/*' || range.type === 'application/*';
  if (as !== undefined) {
    const version = range.params.get('v');
    if (!isJson || as !== 'Table' || range.params.get('g') !== 'meta.k8s.io' || (version !== 'v1' && version !== 'v1beta1')) return undefined;
    return { as: 'table', contentType: `application/json;as=Table;v=${version};g=meta.k8s.io`, tableApiVersion: `meta.k8s.io/${version}` };
  }
  if (isJson) return { as: 'json', contentType: 'application/json' };
  if (range.type === 'application/yaml') return { as: 'yaml', contentType: 'application/yaml' };
  return undefined;
}

/**
 * The first acceptable representation in the client's order of preference (q, then position);
 * JSON when no Accept header was sent; undefined when nothing listed can be served (406).
 */
export function negotiate(accept: string | undefined): Representation | undefined {
  if (!accept || !accept.trim()) return { as: 'json', contentType: 'application/json' };
  const ranges = accept
    .split(',')
    .slice(0, 32)
    .map(parseRange)
    .filter((r): r is MediaRange => r !== undefined && r.q > 0);
  const ordered = ranges.map((range, index) => ({ range, index })).sort((a, b) => b.range.q - a.range.q || a.index - b.index);
  for (const { range } of ordered) {
    const found = representationOf(range);
    if (found) return found;
  }
  return undefined;
}
