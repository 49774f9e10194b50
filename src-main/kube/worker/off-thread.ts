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
let started = 0;

/** The most import workers that ran at once since the process started (for tests). */
export function peakImportWorkers(): number {
  return peakRunning;
}

/** How many import workers were started since the process started (for tests: reuse). */
export function startedImportWorkers(): number {
  return started;
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

/**
 * A worker whose import ended normally waits this long for the next one (applies and
 * validate-as-you-type come in bursts): starting one and loading the importer was most of a
 * one-pod apply (70–90 ms built, 200–380 ms under tsx; docs/BENCHMARKS.md, "Profile of the
 * misses"). A worker that hit a limit or failed is never reused, nor one that read a big file
 * (its heap may hold hundreds of MB until it is stopped).
 */
export const IDLE_WORKER_MS = 10_000;
const REUSE_MAX_SOURCE_LENGTH = 64 * 1024;

/** Workers between imports, with the heap limit they were started with (at most MAX_IMPORT_WORKERS). */
const idle: { worker: Worker; heapMb: number; drop: () => void }[] = [];

function takeIdle(heapMb: number): Worker | undefined {
  const entry = idle.find((w) => w.heapMb === heapMb);
  if (!entry) return undefined;
  idle.splice(idle.indexOf(entry), 1);
  entry.worker.off('exit', entry.drop).off('error', entry.drop);
  entry.worker.ref();
  return entry.worker;
}

/** Keeps a worker for the next import; it does not keep the process alive meanwhile (the CLI exits). */
function keepIdle(worker: Worker, heapMb: number): void {
  if (idle.length >= MAX_IMPORT_WORKERS) return stopWorker(worker);
  const timer = setTimeout(() => drop(), IDLE_WORKER_MS);
  const drop = () => {
    clearTimeout(timer);
    const index = idle.findIndex((w) => w.worker === worker);
    if (index >= 0) idle.splice(index, 1);
    stopWorker(worker);
  };
  timer.unref();
  worker.once('exit', drop).once('error', drop);
  worker.unref();
  idle.push({ worker, heapMb, drop });
}

/** Stops a worker no longer needed; what it still reports (an error racing the stop) is ignored. */
function stopWorker(worker: Worker): void {
  worker.on('error', () => undefined);
  void worker.terminate();
}

function startWorker(heapMb: number): Worker {
  const [entry, how] = workerEntry();
  started++;
  return new Worker(entry, { ...how, resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 32 } });
}

function runWorker(source: string | Uint8Array, fileName: string, limits: ImportLimits): Promise<ImportResult> {
  return new Promise((resolve, reject) => {
    const worker = takeIdle(limits.heapMb) ?? startWorker(limits.heapMb);
    let settled = false;
    const settle = (done: () => void, reusable = false) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      if (reusable) keepIdle(worker, limits.heapMb);
      else stopWorker(worker);
      done();
    };
    const timer = setTimeout(
      () => settle(() => resolve(refused(fileName, `importing the file took longer than ${limits.timeoutMs / 1000} s; refusing it`))),
      limits.timeoutMs,
    );
    const onMessage = (result: PortableImport) => settle(() => resolve(fromPortable(result)), source.length <= REUSE_MAX_SOURCE_LENGTH);
    const onError = (error: Error & { code?: string }) =>
      settle(() =>
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? resolve(refused(fileName, `importing the file needs more than ${limits.heapMb} MB of memory; refusing it`))
          : reject(error),
      );
    const onExit = (code: number) => settle(() => reject(new Error(`the import worker stopped (exit code ${code}) without a result`)));
    worker.once('message', onMessage).once('error', onError).once('exit', onExit);
    worker.postMessage({ source, fileName } satisfies ImportRequest);
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
