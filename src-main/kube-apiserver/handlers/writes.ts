// create (POST) of every kind the importer stores, and delete of pods, onto the core's apply and
// deletePod: the importer validates, defaults and admits (Pod Security), the door only turns the
// request into that call and the outcome into what the API server answers — 201 with the object,
// 409 AlreadyExists, 422 Invalid with causes, 400 for unknown fields under
// fieldValidation=Strict (kubectl's default), unknown fields as Warning headers otherwise, 403
// for a Pod Security refusal; for delete, 200 with the pod as it now is (Terminating).
import type { BerthApi } from '../../api/contract';
import type { ServedKind } from '../../api/kube-objects/kinds';
import type { HandlerContext, Router } from '../router';
import { statuses, statusFromReport, strictDecodingStatus, unknownFieldWarnings } from '../status';
import { statusOfError } from './api-errors';
import { requestedObject, type ReadDeps } from './reads';
import { representationFor, serialize } from './respond';

export interface WriteDeps extends ReadDeps {
  readonly api: ReadDeps['api'] & Pick<BerthApi, 'apply' | 'validate' | 'deletePod'>;
}

/** What POST creates: the kinds the importer accepts, by the door's resource. */
const CREATABLE: ReadonlyArray<{ group: string; resource: string; kind: ServedKind }> = [
  { group: '', resource: 'pods', kind: 'Pod' },
  { group: '', resource: 'configmaps', kind: 'ConfigMap' },
  { group: '', resource: 'secrets', kind: 'Secret' },
  { group: '', resource: 'services', kind: 'Service' },
  { group: 'node.k8s.io', resource: 'runtimeclasses', kind: 'RuntimeClass' },
];

type JsonObject = Record<string, unknown>;

function parseBody(body: Buffer): JsonObject | string {
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : 'the request body must be a JSON object';
  } catch (error) {
    return `couldn't get version/kind; json parse error: ${(error as Error).message}`;
  }
}

/** The warning header the API server sends for each unknown field (fieldValidation=Warn, the default for other clients). */
function warningHeader(warnings: readonly string[]): string[] {
  return warnings.map((w) => `299 - "${w.replace(/["\\]/g, '\\$&')}"`);
}

async function create(ctx: HandlerContext, kind: ServedKind, deps: WriteDeps): Promise<void> {
  const representation = representationFor(ctx);
  if (!representation) return;
  const parsed = parseBody(await ctx.readBody());
  if (typeof parsed === 'string') return ctx.sendStatus(statuses.badRequest(parsed));
  const metadata = (parsed.metadata && typeof parsed.metadata === 'object' ? parsed.metadata : {}) as JsonObject;
  const name = typeof metadata.name === 'string' ? metadata.name : '';
  const about = { ...requestedObject(ctx), name };
  const namespace = ctx.target.namespace;
  if (namespace !== undefined && metadata.namespace !== undefined && metadata.namespace !== namespace) {
    return ctx.sendStatus(statuses.badRequest('the namespace of the provided object does not match the namespace sent on the request'));
  }
  // The path names the kind: clients (client-go, the Python client) may leave apiVersion and kind out.
  const apiVersion = ctx.resource.group ? `${ctx.resource.group}/${ctx.resource.version}` : ctx.resource.version;
  if ((parsed.apiVersion !== undefined && parsed.apiVersion !== apiVersion) || (parsed.kind !== undefined && parsed.kind !== ctx.resource.kind)) {
    return ctx.sendStatus(statuses.badRequest(`the API version in the data (${String(parsed.apiVersion)}) does not match the expected API version (${apiVersion})`));
  }
  const object = { ...parsed, apiVersion, kind: ctx.resource.kind, metadata: { ...metadata, ...(namespace !== undefined ? { namespace } : {}) } };
  const text = JSON.stringify(object, null, 1);
  const fileName = `${ctx.resource.resource}/${name || '(unnamed)'}`;
  try {
    const mode = ctx.query.get('fieldValidation') ?? 'Warn';
    // Strict refuses before anything is stored, so it needs the import's verdict first; otherwise
    // apply's own validation (Invalid, Pod Security) and warnings are enough: one import, not two.
    if (mode === 'Strict') {
      const checked = await deps.api.validate({ fileName, text });
      const refusal = strictDecodingStatus(ctx.resource.kind, ctx.resource.version, checked.warnings) ?? statusFromReport({ kind: ctx.resource.kind, group: ctx.resource.group, name }, checked.errors);
      if (refusal) return ctx.sendStatus(refusal);
    }
    const where = namespace !== undefined ? { namespace } : {};
    if (name && (await deps.api.getKubeObject({ kind, name, ...where }).catch(() => undefined))) {
      return ctx.sendStatus(statuses.alreadyExists({ group: ctx.resource.group, resource: ctx.resource.resource }, name));
    }
    if (ctx.query.get('dryRun') === 'All') return ctx.sendText(201, representation.contentType, serialize(object, representation));
    const applied = await deps.api.apply({ fileName, text });
    const created = await deps.api.getKubeObject({ kind, name, ...where });
    const warnings = mode === 'Ignore' ? [] : unknownFieldWarnings(applied.warnings);
    if (warnings.length) ctx.response.setHeader('Warning', warningHeader(warnings));
    ctx.sendText(201, representation.contentType, serialize(created, representation));
  } catch (error) {
    ctx.sendStatus(statusOfError(error, about));
  }
}

/** DeleteOptions from the body (kubectl sends them there) or the query. */
async function gracePeriodOf(ctx: HandlerContext): Promise<number | undefined | string> {
  const body = await ctx.readBody();
  let fromBody: unknown;
  if (body.length) {
    const parsed = parseBody(body);
    if (typeof parsed === 'string') return parsed;
    fromBody = parsed.gracePeriodSeconds;
  }
  const value = fromBody ?? ctx.query.get('gracePeriodSeconds') ?? undefined;
  if (value === undefined || value === null) return undefined;
  const seconds = Number(value);
  if (!Number.isInteger(seconds) || seconds < 0) return `gracePeriodSeconds must be a non-negative integer, not ${JSON.stringify(value)}`;
  return seconds;
}

async function deletePod(ctx: HandlerContext, deps: WriteDeps): Promise<void> {
  const representation = representationFor(ctx);
  if (!representation) return;
  const grace = await gracePeriodOf(ctx);
  if (typeof grace === 'string') return ctx.sendStatus(statuses.badRequest(grace));
  const namespace = ctx.target.namespace ?? 'default';
  const name = ctx.target.name!;
  try {
    await deps.api.deletePod({ namespace, name, ...(grace !== undefined ? { gracePeriodSeconds: grace } : {}) });
    // The pod as it is now: Terminating with its deletionTimestamp, or gone (no runner here).
    const after = await deps.api.getKubeObject({ kind: 'Pod', namespace, name }).catch(() => undefined);
    const body = after ?? { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name, kind: 'pods' } };
    ctx.sendText(200, representation.contentType, serialize(body, representation));
  } catch (error) {
    ctx.sendStatus(statusOfError(error, requestedObject(ctx)));
  }
}

export function registerWrites(router: Router, deps: WriteDeps): void {
  for (const { group, resource, kind } of CREATABLE) {
    router.register({ group, version: 'v1', resource }, ['create'], (ctx) => create(ctx, kind, deps));
  }
  router.register({ group: '', version: 'v1', resource: 'pods' }, ['delete'], (ctx) => deletePod(ctx, deps));
}
