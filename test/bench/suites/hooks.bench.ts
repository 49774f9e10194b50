// Hooks: what Berth's exec and httpGet handlers cost over the bare operation they wrap — a
// dockerode exec (create, start, read the output, inspect the exit code) and a plain HTTP GET.
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Docker from 'dockerode';
import { runLifecycleHandler, type HandlerContext } from '../../../src-main/hooks';
import { connectTestEngine } from '../../support/engines';
import type { Figure } from '../lib/figure';
import { removeFloorPod, startFloorPod } from '../lib/floor';
import { HANDLES_TERM } from '../lib/pods';
import { sampleInTurns, since, type BenchSuite } from '../lib/suite';

/** Calls per series per run: a hook is a few milliseconds, so each run takes many. */
const CALLS_PER_RUN = 20;

/** The bare exec: create, start attached, drain the multiplexed stream, read the exit code. */
async function bareExec(docker: Docker, containerId: string, cmd: string[]): Promise<number> {
  const exec = await docker.getContainer(containerId).exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true });
  const stream = await exec.start({ hijack: true, stdin: false });
  await new Promise<void>((resolve, reject) => {
    docker.modem.demuxStream(stream, { write: () => true } as unknown as NodeJS.WritableStream, { write: () => true } as unknown as NodeJS.WritableStream);
    stream.on('end', resolve);
    stream.on('close', resolve);
    stream.on('error', reject);
  });
  for (;;) {
    const info = await exec.inspect();
    if (!info.Running && info.ExitCode !== null) return info.ExitCode;
  }
}

function bareGet(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/hook', method: 'GET' }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

function startHookServer(): Promise<Server> {
  const server = createServer((_req, res) => res.end('ok\n'));
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const suite: BenchSuite = {
  group: 'hooks',
  needsEngine: true,
  async run({ runs, engines, log }) {
    const figures: Figure[] = [];
    const server = await startHookServer();
    const port = (server.address() as AddressInfo).port;
    try {
      for (const kind of engines) {
        const engine = await connectTestEngine(kind);
        const pod = await startFloorPod(engine.docker, `floor-hooks-${kind}-${process.pid}`, 1, HANDLES_TERM);
        const containerId = pod.containers[0]!.id;
        const ctx: HandlerContext = {
          engine,
          containerId,
          container: { name: 'c0' },
          publishedPort: () => undefined,
        };
        const command = ['true'];
        try {
          log(`${kind}: exec and httpGet handlers, ${runs * CALLS_PER_RUN} calls each`);
          const series = await sampleInTurns(runs * CALLS_PER_RUN, {
            bareExec: async () => {
              const start = performance.now();
              await bareExec(engine.docker, containerId, command);
              return since(start);
            },
            execHook: async () => {
              const start = performance.now();
              const result = await runLifecycleHandler({ exec: { command } }, ctx);
              if (!result.ok) throw new Error(`exec hook failed: ${result.error}`);
              return since(start);
            },
            bareGet: async () => {
              const start = performance.now();
              await bareGet(port);
              return since(start);
            },
            httpHook: async () => {
              const start = performance.now();
              const result = await runLifecycleHandler({ httpGet: { host: '127.0.0.1', port, path: '/hook', scheme: 'HTTP' } }, ctx);
              if (!result.ok) throw new Error(`httpGet hook failed: ${result.error}`);
              return since(start);
            },
          });
          figures.push(
            {
              group: 'hooks',
              name: 'exec hook `true`',
              engine: kind,
              unit: 'ms',
              subject: { label: 'berth exec handler', samples: series.execHook },
              baseline: { label: 'bare dockerode exec', samples: series.bareExec },
              target: { kind: 'diff-max', value: 10 },
            },
            {
              group: 'hooks',
              name: 'httpGet hook',
              engine: kind,
              unit: 'ms',
              subject: { label: 'berth httpGet handler', samples: series.httpHook },
              baseline: { label: 'bare http.request', samples: series.bareGet },
              target: { kind: 'diff-max', value: 10 },
            },
          );
        } finally {
          await removeFloorPod(pod);
        }
      }
    } finally {
      server.close();
    }
    // The HTTP figure does not depend on the engine: keep one (the first engine's).
    return figures.filter((f, i) => f.name !== 'httpGet hook' || figures.findIndex((g) => g.name === f.name) === i);
  },
};

export default suite;
