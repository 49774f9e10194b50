// Imports on a worker thread with a heap limit and a time limit, so that a hostile file can
// neither stall the loop that runs pods (hooks, probes, the UI) nor take the process's memory.
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { Diagnostic } from '../../model';
import { fromPortable, type ImportResult, type PortableImport } from '../import';

export interface ImportRequest {
  source: string | Uint8Array;
  fileName: string;
}

export interface ImportLimits {
  /** Past this the worker is stopped and the file refused. */
  timeoutMs: number;
  /** The worker's old-generation heap: past it V8 stops the worker and the file is refused. */
  heapMb: number;
}

/** Far above what any file within the parser's own bounds needs (docs/RELIABILITY.md has the figures). */
export const IMPORT_LIMITS: ImportLimits = { timeoutMs: 20_000, heapMb: 512 };

/**
 * Workers at once: each may take its heap limit, and validate-as-you-type can ask faster than a
 * hostile file is refused; the others wait their turn.
 */
export const MAX_IMPORT_WORKERS = 2;
let running = 0;
const waiting: (() => void)[] = [];
let peakRunning = 0;

/** The most import workers that ran at once since the process started (for tests). */
export function peakImportWorkers(): number {
  return peakRunning;
}

/** `importManifests`, on a worker thread within `limits`; a file past them is refused, naming them. */
export async function importOffThread(source: string | Uint8Array, fileName: string, limits: ImportLimits = IMPORT_LIMITS): Promise<ImportResult> {
  // A finishing import hands its slot straight to the next in line, so none can slip in between.
  if (running >= MAX_IMPORT_WORKERS) await new Promise<void>((resolve) => waiting.push(resolve));
  else running++;
  peakRunning = Math.max(peakRunning, running);
  try {
    return await runWorker(source, fileName, limits);
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

function runWorker(source: string | Uint8Array, fileName: string, limits: ImportLimits): Promise<ImportResult> {
  return new Promise((resolve, reject) => {
    const [entry, how] = workerEntry();
    const worker = new Worker(entry, {
      ...how,
      workerData: { source, fileName } satisfies ImportRequest,
      resourceLimits: { maxOldGenerationSizeMb: limits.heapMb, maxYoungGenerationSizeMb: 32 },
    });
    let settled = false;
    const settle = (done: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      done();
    };
    const timer = setTimeout(
      () => settle(() => resolve(refused(fileName, `importing the file took longer than ${limits.timeoutMs / 1000} s; refusing it`))),
      limits.timeoutMs,
    );
    worker.once('message', (result: PortableImport) => settle(() => resolve(fromPortable(result))));
    worker.once('error', (error: Error & { code?: string }) =>
      settle(() =>
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? resolve(refused(fileName, `importing the file needs more than ${limits.heapMb} MB of memory; refusing it`))
          : reject(error),
      ),
    );
    worker.once('exit', (code) => settle(() => reject(new Error(`the import worker stopped (exit code ${code}) without a result`))));
  });
}

function refused(file: string, message: string): ImportResult {
  const error: Diagnostic = { severity: 'error', file, line: 1, column: 1, path: '', message };
  return { ok: false, errors: [error], warnings: [], objects: [], locate: () => ({ line: 1, column: 1 }) };
}

/**
 * The worker's entry: `import-worker.js` at the top of the bundle (out/main/, named in
 * electron.vite.config.ts; this code may sit in a chunk below it), or the TypeScript source under
 * tsx (the tests), which a worker loads only once tsx is registered in it.
 */
function workerEntry(): [string | URL, { eval?: boolean }] {
  const candidates = ['./import-worker.js', '../import-worker.js', './import-worker.ts'].map((name) => new URL(name, import.meta.url));
  const found = candidates.find((url) => existsSync(url));
  if (!found) throw new Error(`the import worker is missing (looked for ${candidates.map((u) => u.pathname).join(', ')})`);
  if (!found.pathname.endsWith('.ts')) return [found, {}];
  const tsx = import.meta.resolve('tsx/esm/api');
  return [`import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(found.href)}); });`, { eval: true }];
}
