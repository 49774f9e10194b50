import { parseTail, refuseOptions } from '../args';
import type { CliContext, ExitCode } from '../context';
import { UsageError } from '../format/output';
import { namespaceOf } from '../../kube/defaults';

/** `berth logs POD [-c NAME] [-p|--previous] [-f] [--tail N] [--timestamps] [-n NS]`. */
export async function logsCommand(ctx: CliContext): Promise<ExitCode> {
  refuseOptions('logs', ctx.options, ['namespace', 'container', 'previous', 'follow', 'tail', 'timestamps']);
  const [name, ...extra] = ctx.words;
  if (!name) throw new UsageError('berth logs needs the name of a pod');
  if (extra.length) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);
  const tail = parseTail(ctx.options.tail);
  const query = {
    namespace: namespaceOf(ctx.options),
    name,
    ...(ctx.options.container ? { container: ctx.options.container } : {}),
    ...(ctx.options.previous ? { previous: true } : {}),
    ...(tail !== undefined ? { tail } : {}),
    ...(ctx.options.timestamps ? { timestamps: true } : {}),
  };
  if (!ctx.options.follow) {
    const { text } = await ctx.withApi((api) => api.podLogs(query));
    ctx.io.stdout(text);
    return 0;
  }
  return ctx.withApi(
    (api, via, connection) =>
      new Promise<ExitCode>((resolve) => {
        let finished = false;
        const interrupted = () => finish(0);
        // Assigned below; a listener may run before subscribe() returns (an in-process core).
        let stop: () => void = () => {};
        let stopWatchingClose: () => void = () => {};
        const finish = (code: ExitCode) => {
          if (finished) return;
          finished = true;
          stop();
          stopWatchingClose();
          process.off('SIGINT', interrupted);
          resolve(code);
        };
        const unsubscribe = api.subscribe('logs', query, (chunk) => {
          if (finished) return;
          if (chunk.text) ctx.io.stdout(chunk.text);
          if (!chunk.end) return;
          if (chunk.error) ctx.io.stderr(`Error: ${chunk.error}\n`);
          finish(chunk.error ? 1 : 0);
        });
        if (finished) {
          unsubscribe();
          return;
        }
        stop = unsubscribe;
        // The controller stopping (or dying) under us ends the stream: say so, exit 1.
        stopWatchingClose = connection.onClose(() => {
          if (finished) return;
          ctx.io.stderr(`Error: the Berth controller at ${via} went away\n`);
          finish(1);
        });
        process.once('SIGINT', interrupted);
      }),
  );
}
