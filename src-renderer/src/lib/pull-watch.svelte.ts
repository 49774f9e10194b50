// Image pulls in progress, live from the `pullProgress` topic (all pods, or one).
import type { Unsubscribe } from '../../../src-main/api/contract';
import { berth } from './berth';
import { applyPull, noPulls, type PullMap } from './pull-progress';

export class PullWatch {
  pulls = $state.raw<PullMap>(noPulls);

  /** Starts listening; returns the function that stops it (an $effect's teardown). */
  start(podUid?: string): Unsubscribe {
    return berth.subscribe('pullProgress', podUid ? { podUid } : {}, (update) => {
      this.pulls = applyPull(this.pulls, update, Date.now());
    });
  }
}
