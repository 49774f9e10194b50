// Crash safety: a writer process is SIGKILLed in the middle of a stream of small transactions;
// the reopened database must pass integrity_check and contain every batch whose commit was reported.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { Store } from '../../../src-main/store/index';
import { tempDir } from './helpers';

const writer = fileURLToPath(new URL('./fixtures/event-writer.ts', import.meta.url));

interface Report {
  batch: number;
  heartbeat: number;
  cursor: number;
}

interface Outcome {
  reports: Report[];
  signal: NodeJS.Signals | null;
  code: number | null;
  stderr: string;
}

/** Runs the writer and SIGKILLs it once it has reported `killAfter` commits. */
function runAndKill(file: string, round: string, batchSize: number, killAfter: number): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writer, file, round, String(batchSize)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const reports: Report[] = [];
    let pending = '';
    let stderr = '';
    let killed = false;
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => (stderr += d));
    child.stdout.on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? ''; // an incomplete last line is not a report
      for (const line of lines) {
        const [batch, heartbeat, cursor] = line.split(' ').map(Number);
        if (batch === undefined || heartbeat === undefined || cursor === undefined) continue;
        reports.push({ batch, heartbeat, cursor });
      }
      if (!killed && reports.length >= killAfter) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ reports, signal, code, stderr }));
  });
}

function verify(file: string, round: string, batchSize: number, reports: Report[]): void {
  // Reopening runs recovery and migrations exactly like the app would.
  const store = Store.open(file);
  try {
    const raw = new Database(file);
    try {
      assert.equal(raw.pragma('integrity_check', { simple: true }), 'ok');
      const messages = new Set(
        raw.prepare(`SELECT message FROM events WHERE reason = 'Tick' AND involved_uid = ?`).pluck().all(`uid-${round}`) as string[],
      );
      for (const r of reports) {
        for (let i = 0; i < batchSize; i++) {
          const m = `${round} batch ${r.batch} event ${i}`;
          assert.ok(messages.has(m), `reported batch ${r.batch} lost event ${i}`);
        }
      }
      assert.ok(messages.size >= reports.length * batchSize);
    } finally {
      raw.close();
    }
    const last = reports[reports.length - 1];
    assert.ok(last, 'the writer reported commits');
    const [hb] = store.listEvents({ podUid: `uid-${round}`, reason: 'Heartbeat' });
    assert.ok(hb, 'heartbeat event present');
    assert.ok(hb.count >= last.heartbeat, `heartbeat count ${hb.count} >= reported ${last.heartbeat}`);
    assert.ok(store.eventCursor() >= last.cursor, 'change-feed cursor did not go back');
    assert.ok(store.countEvents({ podUid: `uid-${round}`, reason: 'Tick' }) >= reports.length * batchSize);
    // The feed replays everything after a reported cursor without gaps in ids.
    const ids = store.eventsChangedSince(0, 10_000).events.map((e) => e.id);
    assert.equal(new Set(ids).size, ids.length);
  } finally {
    store.close();
  }
}

describe('crash safety', { timeout: 120_000 }, () => {
  test('SIGKILL at different moments never loses a reported commit and leaves a sound database', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = join(dir, 'crash', 'berth.db');
      // Same database across rounds: each round reopens a database the previous round crashed.
      const rounds: Array<[batchSize: number, killAfter: number]> = [
        [5, 1],
        [50, 40],
        [1, 700],
        [20, 2500],
        [200, 15],
      ];
      let previous = 0;
      for (const [index, [batchSize, killAfter]] of rounds.entries()) {
        const round = `r${index}`;
        const out = await runAndKill(file, round, batchSize, killAfter);
        assert.equal(out.signal, 'SIGKILL', `round ${round}: writer ended with code ${out.code}: ${out.stderr}`);
        assert.ok(out.reports.length >= killAfter, `round ${round}: ${out.reports.length} reports`);
        assert.deepEqual(
          out.reports.map((r) => r.batch),
          out.reports.map((_, i) => i),
          'batches reported in order',
        );
        verify(file, round, batchSize, out.reports);
        // Earlier rounds' events are still there too.
        const s = Store.open(file);
        const total = s.countEvents({ reason: 'Tick' });
        s.close();
        assert.ok(total >= previous + out.reports.length * batchSize);
        previous = total;
      }
    } finally {
      cleanup();
    }
  });
});
