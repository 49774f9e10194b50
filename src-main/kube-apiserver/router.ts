// Routes resource requests to the handlers registered for them. Only what the served-resources
// table lists can be registered, with verbs it lists, so discovery never promises a route that
// is missing nor hides one that exists. Pure: the server (server.ts) does the HTTP.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { requestVerb, type RequestVerb, type ResourceTarget } from './paths';
import { findResource, groupVersionString, SERVED_RESOURCES, type ServedResource } from './resources';
import { methodNotAllowed, notServedYet, pathNotFound } from './status/door';
import type { Status } from './status';

/** Who made the request, as the authenticator found it. */
export interface RequestUser {
  readonly name: string;
  readonly groups: readonly string[];
  /** How they proved it. */
  readonly via: 'client-certificate' | 'bearer-token';
}

/** What a handler gets: the parsed request, the raw HTTP objects for streams, and a bounded body. */
export interface HandlerContext {
  readonly target: ResourceTarget;
  readonly verb: RequestVerb;
  readonly resource: ServedResource;
  readonly query: URLSearchParams;
  readonly user: RequestUser;
  readonly request: IncomingMessage;
  readonly response: ServerResponse;
  /** The request body, refused with 413 past the door's limit. */
  readBody(): Promise<Buffer>;
  /** Writes `body` as JSON with `code` (200 unless told). */
  sendJson(body: unknown, code?: number, contentType?: string): void;
  /** Writes an already serialized body (YAML). */
  sendText(code: number, contentType: string, text: string): void;
  sendStatus(failure: Status): void;
}

export type ResourceHandler = (ctx: HandlerContext) => Promise<void> | void;

export interface HandlerKey {
  readonly group: string;
  readonly version: string;
  readonly resource: string;
  /** Absent for the resource itself. */
  readonly subresource?: string;
}

/** What a resource request resolves to before any handler runs. */
export type Route =
  | { kind: 'handler'; handler: ResourceHandler; resource: ServedResource; verb: RequestVerb }
  | { kind: 'failure'; failure: Status };

const keyOf = (k: HandlerKey, verb: string) => `${groupVersionString(k)}|${k.resource}|${k.subresource ?? ''}|${verb}`;

/** Verbs the table lists for a resource, or for one of its subresources. */
function servedVerbs(resource: ServedResource, subresource: string | undefined): readonly string[] | undefined {
  if (subresource === undefined) return resource.verbs;
  return resource.subresources.find((s) => s.name === subresource)?.verbs;
}

export class Router {
  private readonly handlers = new Map<string, ResourceHandler>();

  constructor(private readonly table: readonly ServedResource[] = SERVED_RESOURCES) {}

  /** Registers `handler` for `verbs` of a served resource; throws for anything the table does not list. */
  register(key: HandlerKey, verbs: readonly RequestVerb[], handler: ResourceHandler): void {
    const resource = findResource(key, key.resource, this.table);
    const allowed = resource && servedVerbs(resource, key.subresource);
    if (!resource || !allowed) throw new Error(`${groupVersionString(key)} ${key.resource}${key.subresource ? `/${key.subresource}` : ''} is not in the served-resources table`);
    for (const verb of verbs) {
      if (!allowed.includes(verb)) throw new Error(`the served-resources table does not list ${verb} for ${key.resource}${key.subresource ? `/${key.subresource}` : ''}`);
      const id = keyOf(key, verb);
      if (this.handlers.has(id)) throw new Error(`a handler for ${verb} ${key.resource} is already registered`);
      this.handlers.set(id, handler);
    }
  }

  /** Finds the handler for a request, or the Status the apiserver would answer instead. */
  route(method: string, target: ResourceTarget, query: URLSearchParams): Route {
    const resource = findResource(target, target.resource, this.table);
    if (!resource) return { kind: 'failure', failure: pathNotFound() };
    // A namespace in the path of a cluster-scoped resource is a path the apiserver does not have.
    if (target.namespace !== undefined && !resource.namespaced) return { kind: 'failure', failure: pathNotFound() };
    const allowed = servedVerbs(resource, target.subresource);
    if (!allowed || (target.subresource !== undefined && target.name === undefined)) return { kind: 'failure', failure: pathNotFound() };
    const verb = requestVerb(method, target, query);
    if (!verb || !allowed.includes(verb)) return { kind: 'failure', failure: methodNotAllowed() };
    const handler = this.handlers.get(keyOf(target, verb));
    if (!handler) {
      const what = target.subresource ? `${target.resource}/${target.subresource}` : target.resource;
      return { kind: 'failure', failure: notServedYet(verb, what) };
    }
    return { kind: 'handler', handler, resource, verb };
  }
}
