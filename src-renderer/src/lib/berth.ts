// The renderer's only way to the core: window.berth (exposed by the preload, or by the test
// bridge), typed as the BerthApi contract. Only types come from src-main.
import type { BerthApi } from '../../../src-main/api/contract';
import { withBerthErrors } from './errors';

export { BerthError, toBerthError } from './errors';

declare global {
  interface Window {
    /** Missing only when the page is opened outside Berth (no preload). */
    berth?: BerthApi;
  }
}

export const bridgeAvailable = typeof window.berth === 'object' && window.berth !== null;

export const berth: BerthApi = withBerthErrors(window.berth ?? ({} as BerthApi));
