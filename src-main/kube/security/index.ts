// Pod Security Standards, "baseline" level: which fields of a pod reach beyond what a pod may
// do without an explicit confirmation. Pure.
export { checkPodSecurity, podSecurityRefusal, POD_SECURITY_POLICY, type PodSecurityVerdict, type PodSecurityViolation } from './baseline';
export { podSecurityFindings, type PodSecurityFinding } from './diagnostics';
