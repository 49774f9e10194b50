import { importOffThread } from '../../kube/worker/off-thread';
import { ApiError } from '../../api/errors';
import { parseDurationMs, parseGracePeriod, refuseOptions } from '../args';
import type { CliContext, ExitCode } from '../context';
import { UsageError } from '../format/output';
import { readManifestSource } from '../source';
import { waitForPods, type PodKey } from '../wait';
import { printDiagnostics } from './validate';
import { namespaceOf } from '../../kube/defaults';

const POD_WORDS = new Set(['pod', 'pods', 'po']);

/** The pods named on the command line, or the pods of `-f FILE`. */
async function podsToDelete(ctx: CliContext): Promise<PodKey[] | null> {
  const namespace = namespaceOf(ctx.options);
  if (ctx.options.filename) {
    if (ctx.words.length) throw new UsageError('berth delete -f FILE takes no other arguments');
    const { fileName, bytes } = await readManifestSource(ctx);
    const result = await importOffThread(bytes, fileName);
    if (!result.ok) {
      printDiagnostics(ctx.io, result.errors);
      return null;
    }
    return result.objects.filter((o) => o.kind === 'Pod').map((o) => ({ namespace: o.metadata.namespace ?? namespace, name: o.metadata.name }));
  }
  const [resource, ...names] = ctx.words;
  if (!resource || !POD_WORDS.has(resource)) throw new UsageError('usage: berth delete pod NAME [NAME...] [-n NAMESPACE] [--grace-period SECONDS] [--wait], or berth delete -f FILE');
  if (names.length === 0) throw new UsageError('berth delete pod needs the name of the pod');
  return names.map((name) => ({ namespace, name }));
}

/**
 * `berth delete pod NAME...` / `berth delete -f FILE`: each pod's containers stop with their grace
 * period. Without a running controller the command runs one itself and waits until they are gone.
 */
export async function deleteCommand(ctx: CliContext): Promise<ExitCode> {
  refuseOptions('delete', ctx.options, ['namespace', 'gracePeriod', 'filename', 'wait', 'timeout']);
  const gracePeriodSeconds = parseGracePeriod(ctx.options.gracePeriod);
  const timeoutMs = parseDurationMs(ctx.options.timeout, 10 * 60_000);
  const pods = await podsToDelete(ctx);
  if (!pods) return 1;
  return ctx.withApi(
    async (api, via) => {
      let failed = 0;
      const deleted: PodKey[] = [];
      for (const pod of pods) {
        try {
          await api.deletePod({ ...pod, ...(gracePeriodSeconds === undefined ? {} : { gracePeriodSeconds }) });
          ctx.io.stdout(`pod "${pod.name}" deleted\n`);
          deleted.push(pod);
        } catch (error) {
          failed++;
          ctx.io.stderr(`Error: ${error instanceof ApiError ? error.message : String(error)}\n`);
        }
      }
      // In-process, this command is the controller: it must see the containers gone before exiting.
      if (deleted.length && (ctx.options.wait || via === 'in-process')) {
        const outcomes = await waitForPods(api, deleted, 'gone', timeoutMs, (line) => ctx.options.wait && ctx.io.stderr(`${line}\n`));
        for (const [key, outcome] of outcomes) {
          if (outcome === 'timeout') {
            failed++;
            ctx.io.stderr(`Error: pod ${key} still terminating after the timeout\n`);
          }
        }
      }
      return failed ? 1 : 0;
    },
    { runPods: true },
  );
}
