// Baseline controls on the security profiles around a container: AppArmor, SELinux and seccomp
// may be left to the runtime's default, never switched off or swapped for a custom type.
import { goQuote } from '../go-format';
import { mapKey } from '../path';
import {
  control,
  joinQuote,
  pluralize,
  securityContextsOf,
  settersText,
  sortedSet,
  type Finding,
} from './control';

const APPARMOR_ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';
const ALLOWED_PROFILE_TYPES = new Set(['RuntimeDefault', 'Localhost']);

type AppArmorFinding = Finding & ({ annotation: string; value: string } | { setter: string | null; type: string });

/** check_appArmorProfile.go: the beta annotations, and (since 1.30) the appArmorProfile fields. */
export const appArmorProfile = control<AppArmorFinding>({
  id: 'appArmorProfile',
  find: (pod) => {
    const annotations = Object.entries(pod.metadata.annotations ?? {})
      .filter(([key, value]) => key.startsWith(APPARMOR_ANNOTATION_PREFIX) && !(value === '' || value === 'runtime/default' || value.startsWith('localhost/')))
      .map(([annotation, value]): AppArmorFinding => ({ annotation, value, path: ['metadata', 'annotations', mapKey(annotation)] }));
    const fields = securityContextsOf(pod).flatMap(({ setter, context, path }): AppArmorFinding[] => {
      const type = context?.appArmorProfile?.type;
      return type !== undefined && !ALLOWED_PROFILE_TYPES.has(type) ? [{ setter, type, path: [...path, 'appArmorProfile', 'type'] }] : [];
    });
    return [...annotations, ...fields];
  },
  word: (found) => {
    const values: string[] = [];
    const setters: (string | null)[] = [];
    const types: string[] = [];
    for (const f of found) {
      if ('annotation' in f) values.push(`${f.annotation}=${goQuote(f.value)}`);
      else {
        setters.push(f.setter);
        types.push(f.type);
      }
    }
    if (setters.length) values.push(`${settersText(setters)} must not set securityContext.appArmorProfile.type to ${joinQuote(sortedSet(types))}`);
    values.sort();
    return { reason: pluralize('forbidden AppArmor profile', 'forbidden AppArmor profiles', values.length), detail: values.join(', ') };
  },
});

/** The SELinux types a container may run as (container_engine_t since 1.31). */
export const BASELINE_SELINUX_TYPES: ReadonlySet<string> = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t']);

type SELinuxFinding = Finding & { setter: string | null; field: 'type' | 'user' | 'role'; value: string };

/** check_seLinuxOptions.go: a type from the allowed set; no user, no role. */
export const seLinuxOptions = control<SELinuxFinding>({
  id: 'seLinuxOptions',
  find: (pod) =>
    securityContextsOf(pod).flatMap(({ setter, context, path }) => {
      const options = context?.seLinuxOptions;
      if (!options) return [];
      const at = (field: SELinuxFinding['field'], value: string): SELinuxFinding => ({ setter, field, value, path: [...path, 'seLinuxOptions', field] });
      const found: SELinuxFinding[] = [];
      if (!BASELINE_SELINUX_TYPES.has(options.type ?? '')) found.push(at('type', options.type ?? ''));
      if (options.user) found.push(at('user', options.user));
      if (options.role) found.push(at('role', options.role));
      return found;
    }),
  word: (found) => {
    const types = sortedSet(found.filter((f) => f.field === 'type').map((f) => f.value));
    const problems: string[] = [];
    if (types.length) problems.push(`${pluralize('type', 'types', types.length)} ${joinQuote(types)}`);
    if (found.some((f) => f.field === 'user')) problems.push('user may not be set');
    if (found.some((f) => f.field === 'role')) problems.push('role may not be set');
    return {
      reason: 'seLinuxOptions',
      detail: `${settersText(found.map((f) => f.setter))} set forbidden securityContext.seLinuxOptions: ${problems.join('; ')}`,
    };
  },
});

/** check_seccompProfile_baseline.go (the 1.19+ fields): RuntimeDefault or Localhost, never Unconfined. */
export const seccompProfile = control<Finding & { setter: string | null; type: string }>({
  id: 'seccompProfile_baseline',
  find: (pod) =>
    securityContextsOf(pod).flatMap(({ setter, context, path }) => {
      const type = context?.seccompProfile?.type;
      return type !== undefined && !ALLOWED_PROFILE_TYPES.has(type) ? [{ setter, type, path: [...path, 'seccompProfile', 'type'] }] : [];
    }),
  word: (found) => ({
    reason: 'seccompProfile',
    detail: `${settersText(found.map((f) => f.setter))} must not set securityContext.seccompProfile.type to ${joinQuote(sortedSet(found.map((f) => f.type)))}`,
  }),
});
