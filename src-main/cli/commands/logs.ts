import { parseTail, refuseOptions } from '../args';
import type { CliContext, ExitCode } from '../context';
import { UsageError } from '../format/output';

/** `berth logs POD [-c NAME] [-p|--previous] [-f] [--tail N] [--timestamps] [-n NS]`. */
export async function logsCommand(ctx: CliContext): Promise<ExitCode> {
  refuseOptions('logs', ctx.options, ['namespace', 'container', 'previous', 'follow', 'tail', 'timestamps']);
  const [name, ...extra] = ctx.words;
  if (!name) throw new UsageError('berth logs needs the name of a pod');
  if (extra.length) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);
  const tail = parseTail(ctx.options.tail);
  const query = {
    namespace: ctx.options.namespace ?? 'default',
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
    (api) =>
      new Promise<ExitCode>((resolve) => {
        const stop = api.subscribe('logs', query, (chunk) => {
          if (chunk.text) ctx.io.stdout(chunk.text);
          if (!chunk.end) return;
          stop();
          if (chunk.error) ctx.io.stderr(`Error: ${chunk.error}\n`);
          resolve(chunk.error ? 1 : 0);
        });
        process.once('SIGINT', () => {
          stop();
          resolve(0);
        });
      }),
  );
}
