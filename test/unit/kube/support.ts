// Shared helpers for the kube import tests: what a user sees is the formatted diagnostic.
import { formatDiagnostic, importManifests, type ImportResult } from '../../../src-main/kube';

export function errorsOf(result: ImportResult): string[] {
  return result.errors.map(formatDiagnostic);
}

export function warningsOf(result: ImportResult): string[] {
  return result.warnings.map(formatDiagnostic);
}

/** Imports `yaml` as `pod.yaml` and returns the formatted errors. */
export function errorsFor(yaml: string, file = 'pod.yaml'): string[] {
  return errorsOf(importManifests(yaml, file));
}

/** A minimal valid pod whose single container gets `containerYaml` (indented 4) appended. */
export function podWith(containerYaml: string, specYaml = ''): string {
  return [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '  name: web',
    'spec:',
    ...(specYaml ? [specYaml] : []),
    '  containers:',
    '  - name: app',
    '    image: nginx:1.27',
    containerYaml,
  ].join('\n');
}
