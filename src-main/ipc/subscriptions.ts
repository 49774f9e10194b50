// Live subscriptions opened by pages, keyed by (page, subscription id). A page that goes away
// (window closed, reloaded, navigated) drops all of its subscriptions at once.
import { validateSubscription } from '../api/dispatch';
import { ApiError } from '../api/errors';
import type { BerthApi, TopicName, TopicParams, Unsubscribe } from '../api/contract';
import { SUBSCRIPTION_ID } from './channels';

/** A page has a handful of live views; more than this is a leak or an attack. */
export const MAX_SUBSCRIPTIONS_PER_PAGE = 64;

export type Push = (subscriptionId: string, payload: unknown) => void;

export class SubscriptionRegistry<PageKey> {
  private readonly pages = new Map<PageKey, Map<string, Unsubscribe>>();

  constructor(
    private readonly api: Pick<BerthApi, 'subscribe'>,
    private readonly maxPerPage = MAX_SUBSCRIPTIONS_PER_PAGE,
  ) {}

  /** Validates, then subscribes; throws ApiError (BadRequest) without subscribing otherwise. */
  add(page: PageKey, id: unknown, topic: unknown, params: unknown, push: Push): void {
    if (typeof id !== 'string' || !SUBSCRIPTION_ID.test(id)) {
      throw new ApiError('BadRequest', 'subscription id must be 1-64 characters of [A-Za-z0-9_-]');
    }
    const valid = validateSubscription(topic, params);
    const open = this.pages.get(page) ?? new Map<string, Unsubscribe>();
    if (open.has(id)) throw new ApiError('BadRequest', `subscription ${id} is already open`);
    if (open.size >= this.maxPerPage) {
      throw new ApiError('BadRequest', `too many subscriptions (at most ${this.maxPerPage} per page)`);
    }
    let unsubscribe: Unsubscribe;
    try {
      unsubscribe = this.api.subscribe(
        valid.topic as TopicName,
        valid.params as TopicParams<TopicName>,
        (payload: unknown) => push(id, payload),
      );
    } catch (error) {
      throw ApiError.from(error);
    }
    open.set(id, unsubscribe);
    this.pages.set(page, open);
  }

  /** Closes one subscription; unknown ids are ignored (the page may race its own cleanup). */
  remove(page: PageKey, id: unknown): boolean {
    const open = this.pages.get(page);
    if (typeof id !== 'string' || !open) return false;
    const unsubscribe = open.get(id);
    if (!unsubscribe) return false;
    open.delete(id);
    if (open.size === 0) this.pages.delete(page);
    unsubscribe();
    return true;
  }

  /** Closes every subscription of a page; returns how many there were. */
  dropPage(page: PageKey): number {
    const open = this.pages.get(page);
    if (!open) return 0;
    this.pages.delete(page);
    for (const unsubscribe of open.values()) unsubscribe();
    return open.size;
  }

  dropAll(): void {
    for (const page of [...this.pages.keys()]) this.dropPage(page);
  }

  count(page?: PageKey): number {
    if (page !== undefined) return this.pages.get(page)?.size ?? 0;
    let total = 0;
    for (const open of this.pages.values()) total += open.size;
    return total;
  }
}
