// What the API server's admission checks would refuse before anything is stored. Pure.

export interface PodForAdmission {
  namespace: string;
  name: string;
  runtimeClassName?: string;
  nodeSelector?: Record<string, string>;
}

export interface RuntimeClassForAdmission {
  name: string;
  nodeSelector: Record<string, string>;
}

/** A refusal: the field it is about (the caller turns it into a positioned diagnostic) and why. */
export interface AdmissionDenial {
  path: string[];
  message: string;
}

/** The RuntimeClass admission plugin: the class must exist, and its nodeSelector must not contradict the pod's. */
export function admitRuntimeClass(
  pod: PodForAdmission,
  findRuntimeClass: (name: string) => RuntimeClassForAdmission | null,
): AdmissionDenial | null {
  if (!pod.runtimeClassName) return null;
  const at = { path: ['spec', 'runtimeClassName'] };
  const forbidden = `pods "${pod.name}" is forbidden: pod rejected`;
  const runtimeClass = findRuntimeClass(pod.runtimeClassName);
  if (!runtimeClass) return { ...at, message: `${forbidden}: RuntimeClass "${pod.runtimeClassName}" not found` };
  for (const [key, value] of Object.entries(runtimeClass.nodeSelector)) {
    const own = pod.nodeSelector?.[key];
    if (own !== undefined && own !== value) {
      return {
        path: ['spec', 'nodeSelector', key],
        message: `${forbidden}: conflict: runtimeClass.scheduling.nodeSelector[${key}] = ${value}; pod.spec.nodeSelector[${key}] = ${own}`,
      };
    }
  }
  return null;
}
