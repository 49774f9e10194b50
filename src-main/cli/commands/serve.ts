import { openCore } from '../../api/core';
import { socketPathFor } from '../../api/data-dir';
import { routerForCore } from '../../kube-apiserver/handlers';
import { hostBesideController, parseApiPort } from '../../kube-apiserver/host';
import { prepareSocketDir, serveApiOnSocket, socketAnswers } from '../../rpc/server';
import { refuseOptions } from '../args';
import type { CliContext, ExitCode } from '../context';
import { UsageError } from '../format/output';

function alreadyRunning(socketPath: string): Error {
  return new Error(`another Berth controller is already running on ${socketPath} (the app or \`berth serve\`)`);
}

/** `berth serve`: hosts the core in the foreground and serves it on the local socket until a signal. */
export async function serveCommand(ctx: CliContext): Promise<ExitCode> {
  refuseOptions('serve', ctx.options, ['stopPodsOnExit', 'apiPort']);
  if (ctx.words.length) throw new UsageError(`unexpected arguments: ${ctx.words.join(' ')}`);
  let apiPort: number;
  try {
    apiPort = parseApiPort(ctx.options.apiPort ?? ctx.io.env.BERTH_API_PORT);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const socketPath = socketPathFor(ctx.dataDir);
  // Before opening the core: a second controller must not run pods (or mark the live one's hook
  // runs interrupted) even briefly.
  prepareSocketDir(socketPath);
  if (await socketAnswers(socketPath)) throw alreadyRunning(socketPath);
  const core = await openCore({
    dataDir: ctx.dataDir,
    engine: ctx.engine,
    env: ctx.io.env,
    runPods: true,
    log: (message) => ctx.io.stderr(`berth: ${message}\n`),
  });
  let server;
  try {
    server = await serveApiOnSocket(core.api, socketPath);
  } catch (error) {
    await core.close();
    throw /already serving/.test((error as Error).message) ? alreadyRunning(socketPath) : error;
  }
  const kubeApi = await hostBesideController(ctx.dataDir, apiPort, routerForCore(core), (message) => ctx.io.stderr(`berth: ${message}\n`));
  ctx.io.stderr(`berth: serving on ${server.path} (data: ${ctx.dataDir}); stop with Ctrl-C\n`);
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  await kubeApi?.close();
  await server.close();
  if (ctx.options.stopPodsOnExit) {
    ctx.io.stderr(`berth: ${signal}, stopping pods gracefully before exiting\n`);
    await core.runtime?.stopPods();
  } else {
    ctx.io.stderr(`berth: ${signal}, shutting down (pods are left running)\n`);
  }
  await core.close();
  return 0;
}

