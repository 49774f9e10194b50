// A list kept live: subscribe first, then load the snapshot, then apply the pushes that arrived
// in between, so no change is lost between the two.
import type { Unsubscribe } from '../../../src-main/api/contract';
import { toBerthError, type BerthError } from './errors';

export interface LiveSource<State, Push> {
  subscribe(listener: (push: Push) => void): Unsubscribe;
  load(): Promise<State>;
  apply(state: State, push: Push): State;
}

export interface LiveSink<State> {
  set(state: State): void;
  fail(error: BerthError): void;
}

/** Starts the subscription; returns the function that stops it. */
export function startLive<State, Push>(source: LiveSource<State, Push>, sink: LiveSink<State>): Unsubscribe {
  let state: State | undefined;
  let stopped = false;
  const early: Push[] = [];
  const unsubscribe = source.subscribe((push) => {
    if (stopped) return;
    if (state === undefined) {
      early.push(push);
      return;
    }
    state = source.apply(state, push);
    sink.set(state);
  });
  source.load().then(
    (snapshot) => {
      if (stopped) return;
      state = early.reduce((current, push) => source.apply(current, push), snapshot);
      early.length = 0;
      sink.set(state);
    },
    (error: unknown) => {
      if (!stopped) sink.fail(toBerthError(error));
    },
  );
  return () => {
    stopped = true;
    unsubscribe();
  };
}
