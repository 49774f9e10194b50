// Problems found in imported YAML, as every door shows them.

/** A problem found in imported YAML, positioned at the node it is about. */
export interface Diagnostic {
  severity: 'error' | 'warning';
  file: string;
  /** 1-based line and column of the offending node (the key when the field is missing). */
  line: number;
  column: number;
  /** Field path as the Kubernetes API prints it, e.g. `spec.containers[0].lifecycle.postStart`. */
  path: string;
  message: string;
  /** Set when the problem is a Pod Security violation: which pod, the control, and what breaks it. */
  podSecurity?: { pod: string; control: string; detail: string };
}
