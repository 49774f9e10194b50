// What happens to running pods when the app quits: asked once, then remembered. Pure decisions
// plus a tiny settings file; the dialog itself lives in index.ts (Electron).
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export type QuitPolicy = 'leave-running' | 'stop-gracefully';

export interface QuitSettings {
  quitPolicy?: QuitPolicy;
}

export function settingsFile(dataDir: string): string {
  return join(dataDir, 'settings.json');
}

export function readSettings(file: string): QuitSettings {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as QuitSettings;
    return parsed.quitPolicy === 'leave-running' || parsed.quitPolicy === 'stop-gracefully' ? { quitPolicy: parsed.quitPolicy } : {};
  } catch {
    return {}; // missing or unreadable: ask again
  }
}

export function writeSettings(file: string, settings: QuitSettings): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(settings, null, 2), { mode: 0o600 });
  renameSync(temp, file);
}

/** The dialog the app shows the first time it quits with pods running. */
export const QUIT_DIALOG = {
  message: 'Pods are still running',
  detail:
    'Leave them running: they keep running on the engine, and Berth adopts them when it starts again.\n' +
    'Stop them: each container gets its preStop hook and its grace period, as on a node that shuts down; they start again with Berth.',
  buttons: ['Leave running', 'Stop gracefully', 'Cancel'],
  checkboxLabel: 'Remember my choice',
  cancelId: 2,
} as const;

export type QuitDecision = { action: 'quit'; policy: QuitPolicy; remember: boolean } | { action: 'ask' } | { action: 'cancel' };

/** Before asking: with no running pods or a remembered choice there is nothing to ask. */
export function decideQuit(settings: QuitSettings, runningPods: number): QuitDecision {
  if (runningPods === 0) return { action: 'quit', policy: 'leave-running', remember: false };
  if (settings.quitPolicy) return { action: 'quit', policy: settings.quitPolicy, remember: false };
  return { action: 'ask' };
}

/** The dialog's answer as a decision. */
export function answerToDecision(response: number, checkboxChecked: boolean): QuitDecision {
  if (response === 0) return { action: 'quit', policy: 'leave-running', remember: checkboxChecked };
  if (response === 1) return { action: 'quit', policy: 'stop-gracefully', remember: checkboxChecked };
  return { action: 'cancel' };
}

/** The tray's tooltip and title: how many pods run. */
export function trayLabel(running: number, total: number): string {
  if (total === 0) return 'Berth — no pods';
  return `Berth — ${running} of ${total} pod${total === 1 ? '' : 's'} running`;
}
