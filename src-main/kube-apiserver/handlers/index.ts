// The resource handlers the door serves, registered on one router for a core.
import type { Core } from '../../api/core';
import { SERVED_RESOURCES } from '../resources';
import { Router } from '../router';
import { registerReads } from './reads';

/** A router serving `core`'s objects: get, list and watch of every kind the core reads. */
export function routerForCore(core: Pick<Core, 'api' | 'secretData'>, now: () => number = Date.now): Router {
  const router = new Router(SERVED_RESOURCES);
  registerReads(router, { api: core.api, secretData: core.secretData, now }, SERVED_RESOURCES);
  return router;
}
