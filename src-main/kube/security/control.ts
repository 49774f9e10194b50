// What a Pod Security control is, and the small pieces the controls share: walking the
// containers with their paths, and the upstream checks' way of wording lists.
import type { Path } from '../path';
import type { Container, Pod, PodSecurityContext, SecurityContext } from '../../model';

/** One offending field: where it is, plus whatever the control needs to word it. */
export interface Finding {
  /** From the Pod object down, e.g. `spec.containers[0].securityContext.privileged`. */
  path: Path;
}

/** The API server's ForbiddenReason and ForbiddenDetail for a set of findings. */
export interface Wording {
  reason: string;
  detail: string;
}

/**
 * One check of pod-security-admission (staging/src/k8s.io/pod-security-admission/policy/check_*.go),
 * split in two: `find` lists each offending field, `word` says it as upstream does, for all of a
 * pod's findings (the summary) or for one (its own diagnostic).
 */
export interface Control<F extends Finding> {
  /** Upstream's check ID. */
  id: string;
  find(pod: Pod): F[];
  word(findings: readonly F[]): Wording;
  /** Said after one finding's own detail (e.g. that `/` is the host's root filesystem). */
  note?(finding: F): string | undefined;
}

/** A control with its finding type hidden, so that the controls can sit in one list. */
export interface AnyControl {
  id: string;
  evaluate(pod: Pod): { all: Wording; each: { path: Path; wording: Wording }[] } | null;
}

export function control<F extends Finding>(c: Control<F>): AnyControl {
  return {
    id: c.id,
    evaluate(pod) {
      const findings = c.find(pod);
      if (findings.length === 0) return null;
      return {
        all: c.word(findings),
        each: findings.map((f) => {
          const own = c.word([f]);
          const note = c.note?.(f);
          return { path: f.path, wording: note ? { ...own, detail: `${own.detail} ${note}` } : own };
        }),
      };
    },
  };
}

export interface ContainerAt {
  container: Container;
  /** `['spec', 'initContainers', 0]` or `['spec', 'containers', 1]`. */
  path: Path;
}

/**
 * Every container of the pod, init containers first (upstream's visitContainers order).
 * Ephemeral containers cannot be set when a pod is created (the API server refuses them) and
 * Berth drops them on import, so there are none to visit.
 */
export function containersOf(pod: Pod): ContainerAt[] {
  const at = (field: 'initContainers' | 'containers') =>
    (pod.spec[field] ?? []).map((container, i): ContainerAt => ({ container, path: ['spec', field, i] }));
  return [...at('initContainers'), ...at('containers')];
}

export interface SecurityContextAt {
  /** Whose it is: `null` for the pod's, else the container's name. */
  setter: string | null;
  context: (SecurityContext & PodSecurityContext) | undefined;
  /** Where the security context is: `['spec', 'securityContext']`, `['spec', 'containers', 0, 'securityContext']`. */
  path: Path;
}

/** The pod's security context, then each container's (the order upstream names their setters). */
export function securityContextsOf(pod: Pod): SecurityContextAt[] {
  return [
    { setter: null, context: pod.spec.securityContext, path: ['spec', 'securityContext'] },
    ...containersOf(pod).map(({ container, path }) => ({
      setter: container.name,
      context: container.securityContext,
      path: [...path, 'securityContext'],
    })),
  ];
}

// ---- wording, as policy/helpers.go has it

export function pluralize(singular: string, plural: string, count: number): string {
  return count === 1 ? singular : plural;
}

/** `"a", "b"`: quoted as is (upstream's joinQuote does not escape). */
export function joinQuote(items: readonly string[]): string {
  return items.length === 0 ? '' : `"${items.join('", "')}"`;
}

/** Each item once, in first-seen order. */
export function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}

/** Each item once, sorted (Go's sets.List). */
export function sortedSet(items: readonly string[]): string[] {
  return unique(items).sort();
}

/** `containers "a", "b"` */
export function containersText(names: readonly string[]): string {
  return `${pluralize('container', 'containers', names.length)} ${joinQuote(names)}`;
}

/** Who set a field, pod first: `pod and containers "a", "b"` (the container names once each). */
export function settersText(setters: readonly (string | null)[]): string {
  const parts: string[] = [];
  if (setters.includes(null)) parts.push('pod');
  const containers = unique(setters.filter((s): s is string => s !== null));
  if (containers.length) parts.push(containersText(containers));
  return parts.join(' and ');
}
