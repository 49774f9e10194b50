// Engine daemons a test owns, so it can kill and restart them without touching the engines a
// developer (or the rest of the run) uses: a dockerd with its own data, exec root, containerd
// and network namespace, and a Podman API service on a socket of its own (over the shared storage:
// Podman's containers belong to conmon, not to the service). The test images are copied from
// the shared Docker; Podman's storage already has them.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineKind } from '../../src-main/engine/endpoint';
import { connectEngine } from '../../src-main/engine/connect';
import { BUSYBOX_IMAGE, PAUSE_IMAGE } from './engines';

export interface PrivateEngine {
  readonly kind: EngineKind;
  /** `unix:///…` for DOCKER_HOST. */
  readonly host: string;
  /** The daemon's log so far (for failure messages). */
  readonly logFile: string;
  /** Stops the daemon with `signal` and waits until it has exited. */
  stop(signal: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same socket and data; resolves once it answers. */
  start(): Promise<void>;
  /** Stops it (SIGTERM) and removes its files. */
  dispose(): Promise<void>;
}

async function answers(host: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const engine = await connectEngine({ engine: 'auto', host, requestTimeoutMs: 5000 });
      await engine.ping();
      return;
    } catch (error) {
      last = error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new Error(`private engine at ${host} did not answer within ${timeoutMs} ms: ${(last as Error)?.message}`);
}

function daemon(kind: EngineKind, dir: string, host: string, command: string, args: string[], prepare: () => void = () => {}): PrivateEngine {
  const logFile = join(dir, `${kind}.log`);
  const log = createWriteStream(logFile, { flags: 'a' });
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();

  const engine: PrivateEngine = {
    kind,
    host,
    logFile,
    async start() {
      if (child && child.exitCode === null && child.signalCode === null) return; // running already
      prepare();
      child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout!.pipe(log, { end: false });
      child.stderr!.pipe(log, { end: false });
      const current = child;
      exited = new Promise((resolve) => current.once('exit', () => resolve()));
      await answers(host, 60_000);
    },
    async stop(signal) {
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      await exited;
    },
    async dispose() {
      await engine.stop('SIGTERM');
      log.end();
      unmountUnder(dir);
      rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    },
  };
  return engine;
}

/** dockerd bind-mounts its data root (and leaves overlays behind when killed): unmount before removing. */
function unmountUnder(dir: string): void {
  const mounts = readFileSync('/proc/mounts', 'utf8')
    .split('\n')
    .map((line) => line.split(' ')[1]?.replace(/\\040/g, ' '))
    .filter((path): path is string => path !== undefined && (path === dir || path.startsWith(`${dir}/`)))
    .sort((a, b) => b.length - a.length);
  for (const path of mounts) execFileSync('umount', ['-l', path]);
}

/**
 * A dockerd of the test's own under `dir`: its own containerd (under the exec root) and, through
 * `unshare --net`, its own network namespace. The host's `docker0` belongs to the shared daemon,
 * and a second dockerd on the host re-addresses it, or deletes it when it restarts; in a
 * namespace of its own it touches nothing of the host's. Its containers are reachable through
 * exec only, which is all the fault tests need.
 */
export async function startPrivateDockerd(dir: string): Promise<PrivateEngine> {
  mkdirSync(dir, { recursive: true });
  const socket = join(dir, 'docker.sock');
  const host = `unix://${socket}`;
  // `unshare` without --fork execs dockerd in place: the pid the test signals is dockerd's.
  const engine = daemon('docker', dir, host, 'unshare', [
    '--net',
    'dockerd',
    `--host=${host}`,
    `--data-root=${join(dir, 'root')}`,
    `--exec-root=${join(dir, 'exec')}`,
    `--pidfile=${join(dir, 'docker.pid')}`,
    '--iptables=false',
  ]);
  await engine.start();
  // The test images, from the shared Docker (no registry can be reached).
  const images = execFileSync('docker', ['save', BUSYBOX_IMAGE, PAUSE_IMAGE], { maxBuffer: 256 * 1024 * 1024 });
  execFileSync('docker', ['-H', host, 'load'], { input: images, stdio: ['pipe', 'ignore', 'pipe'] });
  return engine;
}

/** A Podman API service of the test's own on a socket under `dir`, over Podman's shared storage. */
export async function startPrivatePodmanService(dir: string): Promise<PrivateEngine> {
  mkdirSync(dir, { recursive: true });
  const socket = join(dir, 'podman.sock');
  const host = `unix://${socket}`;
  const engine = daemon('podman', dir, host, 'podman', ['system', 'service', '--time=0', host], () => rmSync(socket, { force: true }));
  await engine.start();
  return engine;
}
