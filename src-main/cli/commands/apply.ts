import { importOffThread } from '../../kube/worker/off-thread';
import { ApiError } from '../../api/errors';
import { parseDurationMs, refuseOptions } from '../args';
import { waitForPods } from '../wait';
import { pullProgressLine } from '../format/progress';
import type { ApplyResult } from '../../api/results';
import type { CliContext, CliIo, ExitCode } from '../context';
import { readManifestSource } from '../source';
import { plural, printDiagnostics } from './validate';

/**
 * `berth apply -f FILE`: all objects of the file are stored, or none. A pod that breaks Pod
 * Security "baseline" needs `--allow-privileged`.
 */
export async function applyCommand(ctx: CliContext): Promise<ExitCode> {
  refuseOptions('apply', ctx.options, ['filename', 'wait', 'timeout', 'allowPrivileged']);
  const timeoutMs = parseDurationMs(ctx.options.timeout, 5 * 60_000);
  const { fileName, bytes } = await readManifestSource(ctx);
  // Check locally first: a broken file needs no controller to be told so.
  const local = await importOffThread(bytes, fileName);
  if (!local.ok) {
    printDiagnostics(ctx.io, local.warnings);
    printDiagnostics(ctx.io, local.errors);
    ctx.io.stderr(`${fileName}: nothing applied, ${plural(local.errors.length, 'error')}\n`);
    return 1;
  }
  return reportingRefusal(ctx.io, fileName, () =>
    ctx.withApi(
      async (api, via) => {
        const allow = ctx.options.allowPrivileged ? { allowPrivileged: true } : {};
        const result = await api.apply({ fileName, text: bytes.toString('utf8'), ...allow });
        printApplied(ctx.io, result);
        const pods = result.applied.filter((o) => o.kind === 'Pod');
        if (!ctx.options.wait) {
          if (via === 'in-process' && pods.length) {
            ctx.io.stderr('berth: no controller is running: the pods start when `berth serve` or the Berth app runs (or use `berth apply --wait`)\n');
          }
          return 0;
        }
        // On a terminal, image pulls show a live progress bar on one line.
        let barShown = false;
        const clearBar = () => {
          if (barShown) ctx.io.stderr('\r\x1b[2K');
          barShown = false;
        };
        const stopProgress = ctx.io.isTerminal
          ? api.subscribe('pullProgress', {}, (update) => {
              if (!pods.some((p) => p.name === update.podName && p.namespace === update.namespace)) return;
              ctx.io.stderr(`\r\x1b[2K${pullProgressLine(update)}`);
              barShown = true;
            })
          : () => {};
        const outcomes = await waitForPods(api, pods, 'ready', timeoutMs, (line) => {
          clearBar();
          ctx.io.stderr(`${line}\n`);
        });
        stopProgress();
        clearBar();
        if (via === 'in-process') {
          ctx.io.stderr('berth: the pods keep running, but nothing restarts them or runs their probes until `berth serve` or the Berth app runs\n');
        }
        let failed = 0;
        for (const [key, outcome] of outcomes) {
          const ok = outcome === 'ready' || outcome === 'succeeded';
          if (!ok) failed++;
          ctx.io.stdout(`pod/${key.split('/')[1]} ${outcome === 'timeout' ? 'not ready before the timeout' : outcome}\n`);
        }
        return failed ? 1 : 0;
      },
      { runPods: ctx.options.wait },
    ),
  );
}

/** An apply's answer: its warnings, then `kind/name action` (`pod/demo created`) per object. */
export function printApplied(io: CliIo, result: ApplyResult): void {
  printDiagnostics(io, result.warnings);
  for (const object of result.applied) io.stdout(`${object.kind.toLowerCase()}/${object.name} ${object.action}\n`);
}

/**
 * Runs an apply of `fileName` through the API; when the API refuses it with diagnostics, prints
 * them and `FILE: nothing applied` (exit 1), with the way out of a Pod Security refusal. Other
 * errors go on.
 */
export async function reportingRefusal(io: CliIo, fileName: string, run: () => Promise<ExitCode>): Promise<ExitCode> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ApiError && error.diagnostics) {
      printDiagnostics(io, error.diagnostics);
      if (error.code === 'PodSecurityViolation') {
        io.stderr(`Error: ${error.message}\n`);
        io.stderr(`${fileName}: nothing applied; if you trust this file with your machine, apply it with --allow-privileged\n`);
      } else {
        io.stderr(`${fileName}: nothing applied\n`);
      }
      return 1;
    }
    throw error;
  }
}
