import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { answerToDecision, decideQuit, readSettings, settingsFile, trayLabel, writeSettings } from '../../../src-main/shell/quit-policy';
import { makeTempDir } from '../../support/temp';

test('quitting with no running pods asks nothing; a remembered choice is used', () => {
  assert.deepEqual(decideQuit({}, 0), { action: 'quit', policy: 'leave-running', remember: false });
  assert.deepEqual(decideQuit({}, 2), { action: 'ask' });
  assert.deepEqual(decideQuit({ quitPolicy: 'stop-gracefully' }, 2), { action: 'quit', policy: 'stop-gracefully', remember: false });
});

test('the dialog answer maps to a decision; cancel keeps the app open', () => {
  assert.deepEqual(answerToDecision(0, true), { action: 'quit', policy: 'leave-running', remember: true });
  assert.deepEqual(answerToDecision(1, false), { action: 'quit', policy: 'stop-gracefully', remember: false });
  assert.deepEqual(answerToDecision(2, true), { action: 'cancel' });
});

test('the choice is remembered in an owner-only settings file; garbage reads as "ask again"', () => {
  const dir = makeTempDir();
  try {
    const file = settingsFile(join(dir.path, 'data'));
    assert.deepEqual(readSettings(file), {});
    writeSettings(file, { quitPolicy: 'stop-gracefully' });
    assert.deepEqual(readSettings(file), { quitPolicy: 'stop-gracefully' });
    assert.equal(statSync(file).mode & 0o777, 0o600);
    writeSettings(file, { quitPolicy: 'explode' as never });
    assert.match(readFileSync(file, 'utf8'), /explode/);
    assert.deepEqual(readSettings(file), {});
  } finally {
    dir.remove();
  }
});

test('the tray says how many pods run', () => {
  assert.equal(trayLabel(0, 0), 'Berth — no pods');
  assert.equal(trayLabel(1, 1), 'Berth — 1 of 1 pod running');
  assert.equal(trayLabel(2, 3), 'Berth — 2 of 3 pods running');
});
