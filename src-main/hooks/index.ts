// Lifecycle handlers (postStart/preStop): exec, httpGet and sleep, and tcpSocket's run-time failure.
export { runLifecycleHandler } from './run-handler';
export type { HandlerContext, HandlerResult } from './run-handler';
export { hookFailureMessage, HOOK_EVENT_REASONS, handlerKind } from './messages';
export { formatPodFullName } from '../kube/go-format';
export { LIFECYCLE_HTTP_FALLBACK_REASON } from './http-get';
export { resolveTarget, TargetError } from './target';
export type { PublishedPortLookup, ResolvedTarget, TargetContext } from './target';
export { MAX_OUTPUT_BYTES, KUBE_COMPAT_VERSION } from './limits';
