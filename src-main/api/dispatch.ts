// Calls a BerthApi method by name with an untrusted payload: the one place where every door
// (IPC, socket, test bridge) checks the method exists and the payload matches its schema.
import { ApiError } from './errors';
import { methods, topics, type BerthApi, type MethodName, type TopicName } from './contract';
import type { z } from 'zod';

export function isMethodName(value: unknown): value is MethodName {
  return typeof value === 'string' && Object.hasOwn(methods, value);
}

export function isTopicName(value: unknown): value is TopicName {
  return typeof value === 'string' && Object.hasOwn(topics, value);
}

function parseOrReject<S extends z.ZodType>(schema: S, payload: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(payload);
  if (parsed.success) return parsed.data;
  const detail = parsed.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(payload)'}: ${issue.message}`)
    .join('; ');
  throw new ApiError('BadRequest', `invalid payload for ${what}: ${detail}`);
}

export function validateCall(method: unknown, payload: unknown): { method: MethodName; input: unknown } {
  if (!isMethodName(method)) throw new ApiError('BadRequest', `unknown method ${JSON.stringify(method)}`);
  return { method, input: parseOrReject(methods[method].input, payload, method) };
}

export function validateSubscription(topic: unknown, params: unknown): { topic: TopicName; params: unknown } {
  if (!isTopicName(topic)) throw new ApiError('BadRequest', `unknown topic ${JSON.stringify(topic)}`);
  return { topic, params: parseOrReject(topics[topic].params, params, `subscription ${topic}`) };
}

/** Validates, then calls. Errors come back as ApiError. */
export async function dispatch(api: BerthApi, method: unknown, payload: unknown): Promise<unknown> {
  const call = validateCall(method, payload);
  const fn = api[call.method] as (input: unknown) => Promise<unknown>;
  try {
    return await fn.call(api, call.input);
  } catch (error) {
    throw ApiError.from(error);
  }
}
