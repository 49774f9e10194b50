// The main process's own confirmation before a pod that breaks Pod Security "baseline" is applied
// from the window. The page shows its dialog first, but a compromised page could skip it; this one
// it cannot. Pure: the wording and the answer; index.ts shows it with dialog.showMessageBox.
import type { Diagnostic } from '../model';

export interface PrivilegedDialog {
  type: 'warning';
  title: string;
  message: string;
  detail: string;
  buttons: string[];
  defaultId: number;
  cancelId: number;
  noLink: true;
}

const CANCEL = 0;
const CONFIRM = 1;

function violationLine(violation: Diagnostic, manyPods: boolean): string {
  const what = violation.podSecurity ? `${violation.podSecurity.control}: ${violation.podSecurity.detail}` : violation.message;
  const pod = manyPods && violation.podSecurity ? `pod/${violation.podSecurity.pod} ` : '';
  return `• ${what}\n   ${pod}${violation.path} (${violation.file}, line ${violation.line})`;
}

/** Names each violation; Cancel is the default (Enter and Escape both leave everything as it was). */
export function privilegedDialog(violations: readonly Diagnostic[]): PrivilegedDialog {
  const pods = [...new Set(violations.map((v) => v.podSecurity?.pod ?? ''))];
  const one = pods.length === 1;
  return {
    type: 'warning',
    title: 'Berth',
    message: one ? `Import privileged pod ${pods[0]}?` : `Import ${pods.length} privileged pods?`,
    detail: [
      `${one ? 'This pod breaks' : 'These pods break'} the Pod Security "baseline" policy and ${one ? 'gets' : 'get'} access to your machine beyond an ordinary container's. Import only YAML you trust.`,
      '',
      ...violations.map((v) => violationLine(v, !one)),
    ].join('\n'),
    buttons: ['Cancel', one ? 'Import privileged pod' : 'Import privileged pods'],
    defaultId: CANCEL,
    cancelId: CANCEL,
    noLink: true,
  };
}

/** Only the confirm button confirms: closing the box, Escape or any other answer is a no. */
export function isConfirmed(response: number): boolean {
  return response === CONFIRM;
}
