// The resource handlers the door serves, registered on one router for a core.
import type { Core } from '../../api/core';
import { SERVED_RESOURCES } from '../resources';
import { Router } from '../router';
import { registerReads } from './reads';
import { registerWrites } from './writes';

/** A router serving `core`'s objects: get, list and watch of every kind the core reads, create of
 * every kind the importer stores, delete of pods. */
export function routerForCore(core: Pick<Core, 'api' | 'secretData'>, now: () => number = Date.now): Router {
  const router = new Router(SERVED_RESOURCES);
  const deps = { api: core.api, secretData: core.secretData, now };
  registerReads(router, deps, SERVED_RESOURCES);
  registerWrites(router, deps);
  return router;
}
