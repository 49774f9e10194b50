// A BerthApi double for tests of the doors (IPC, preload): it records what reached it, answers
// from a table, and lets the test push to subscribers. Built from the contract's names, so it
// can never miss a method.
import type { BerthApi, MethodName, TopicName } from '../../src-main/api/contract';
import { methodNames } from '../../src-main/api/names';

export interface FakeApi {
  api: BerthApi;
  calls: { method: MethodName; input: unknown }[];
  subscriptions: { topic: TopicName; params: unknown; listener: (payload: unknown) => void; closed: boolean }[];
  /** Sends a payload to every open subscriber of a topic. */
  push(topic: TopicName, payload: unknown): void;
}

export function fakeApi(answers: Partial<Record<MethodName, (input: unknown) => unknown>> = {}): FakeApi {
  const fake: FakeApi = {
    api: {} as BerthApi,
    calls: [],
    subscriptions: [],
    push(topic, payload) {
      for (const s of fake.subscriptions) if (s.topic === topic && !s.closed) s.listener(payload);
    },
  };
  const api: Record<string, unknown> = {};
  for (const method of methodNames) {
    api[method] = async (input: unknown) => {
      fake.calls.push({ method, input });
      return answers[method] ? answers[method](input) : { method };
    };
  }
  api.subscribe = (topic: TopicName, params: unknown, listener: (payload: unknown) => void) => {
    const entry = { topic, params, listener, closed: false };
    fake.subscriptions.push(entry);
    return () => {
      entry.closed = true;
    };
  };
  fake.api = api as unknown as BerthApi;
  return fake;
}
