// Security contexts (pod and container), as the API server validates them: user and group IDs,
// and the profile and sysctl fields Berth keeps for the Pod Security check.
import type { Path } from '../path';
import { problems, type Reporter } from '../report';
import type { PodSecurityContext, SecurityContext, SecurityProfile } from '../../model';
import type { Draft } from '../draft';
import { checkEnum, checkRange, each, Uniques } from './check';

const MAX_UID = 2147483647;
const PROFILE_TYPES = ['RuntimeDefault', 'Unconfined', 'Localhost'];
const PROC_MOUNT_TYPES = ['Default', 'Unmasked'];

type AnySecurityContext = Draft<SecurityContext> | Draft<PodSecurityContext>;

export function validateSecurityContext(sc: AnySecurityContext | undefined, path: Path, r: Reporter): void {
  if (!sc) return;
  const at = (field: string): Path => [...path, field];
  checkRange(r, at('runAsUser'), sc.runAsUser, 0, MAX_UID);
  checkRange(r, at('runAsGroup'), sc.runAsGroup, 0, MAX_UID);
  validateProfile(sc.seccompProfile, at('seccompProfile'), 'seccomp', r);
  validateProfile(sc.appArmorProfile, at('appArmorProfile'), 'AppArmor', r);
  if ('procMount' in sc) checkEnum(r, at('procMount'), sc.procMount, PROC_MOUNT_TYPES);
  if ('sysctls' in sc) {
    const names = new Uniques();
    each(sc.sysctls, (sysctl, i) => {
      if (!sysctl.name) r.missing([...at('sysctls'), i, 'name']);
      names.check(r, [...at('sysctls'), i, 'name'], sysctl.name);
    });
  }
}

/** seccompProfile / appArmorProfile: a known type; localhostProfile exactly when it is Localhost. */
function validateProfile(profile: Draft<SecurityProfile> | undefined, path: Path, what: string, r: Reporter): void {
  if (!profile) return;
  if (!profile.type) r.missing([...path, 'type']);
  checkEnum(r, [...path, 'type'], profile.type || undefined, PROFILE_TYPES);
  const localhost = [...path, 'localhostProfile'];
  if (profile.type === 'Localhost') {
    if (!profile.localhostProfile) r.missing(localhost, `must be set when ${what} type is Localhost`);
  } else if (profile.localhostProfile !== undefined) {
    r.error(localhost, problems.invalid(profile.localhostProfile, `can only be set when ${what} type is Localhost`));
  }
}
