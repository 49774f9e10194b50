// What kind of engine request a method and path are, for the counting proxy: the reads Berth
// spends to observe pods against the writes any tool must make. Pure, so it is unit-tested.

export type RequestClass =
  | 'list'
  | 'inspect'
  | 'image-inspect'
  | 'other-read'
  | 'events'
  | 'wait'
  | 'create'
  | 'start'
  | 'other-write';

/** Reads: requests that only look. The event stream and `/wait` are held open, so they are counted apart. */
export const READ_CLASSES: readonly RequestClass[] = ['list', 'inspect', 'image-inspect', 'other-read'];
export const WRITE_CLASSES: readonly RequestClass[] = ['create', 'start', 'other-write'];

/** Classifies `GET /v1.41/containers/json?all=1` and the like (the API version prefix is optional). */
export function classifyRequest(method: string, url: string): RequestClass {
  const path = url.split('?')[0]!.replace(/^\/v\d+(\.\d+)*(?=\/)/, '');
  const verb = method.toUpperCase();
  if (verb === 'GET' || verb === 'HEAD') {
    if (path === '/containers/json') return 'list';
    if (/^\/containers\/[^/]+\/json$/.test(path)) return 'inspect';
    if (/^\/images\/.+\/json$/.test(path)) return 'image-inspect';
    if (path === '/events') return 'events';
    return 'other-read';
  }
  if (verb === 'POST' && /^\/containers\/[^/]+\/wait$/.test(path)) return 'wait';
  if (verb === 'POST' && path === '/containers/create') return 'create';
  if (verb === 'POST' && /^\/containers\/[^/]+\/start$/.test(path)) return 'start';
  return 'other-write';
}

export type RequestCounts = Partial<Record<RequestClass, number>>;

export function sumOf(counts: RequestCounts, classes: readonly RequestClass[]): number {
  return classes.reduce((total, c) => total + (counts[c] ?? 0), 0);
}

/** `list 2.1, inspect 4, …` per pod, the classes that occurred, for a figure's note. */
export function describeCounts(counts: RequestCounts, pods: number): string {
  return (Object.entries(counts) as [RequestClass, number][])
    .filter(([, n]) => n > 0)
    .map(([c, n]) => `${c} ${Number((n / pods).toFixed(2))}`)
    .join(', ');
}
