// Helpers for the engine tests of lifecycle hooks and graceful termination, on top of the pod
// harness: an HTTP handler pod (busybox httpd with a CGI script that records every request), an
// HTTPS server in the test process, and readers for what Berth keeps about hooks and stops (hook
// runs, container stop timelines — kept after the pod is gone, so they are read by pod uid).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { ContainerStop, HookRun } from '../../src-main/model';
import { describePodVia } from '../../src-main/cli/commands/describe';
import { LABELS } from '../../src-main/engine/labels';
import { busybox, delay, podYaml, type PodHarness } from './pod-harness';
import { makeTempDir } from './temp';

/**
 * A shell that exits 0 at once on SIGTERM (`wait` is interrupted by the trap, where a foreground
 * `sleep` would delay it by up to a second).
 */
export const EXITS_ON_TERM = "trap 'exit 0' TERM; while true; do sleep 1 & wait $!; done";
/** A shell that ignores SIGTERM: only SIGKILL stops it. */
export const IGNORES_TERM = "trap '' TERM; while true; do sleep 1 & wait $!; done";
/** A shell that ignores every signal it can (as PID 1 it gets no default actions either): only SIGKILL stops it. */
export const IGNORES_ALL_SIGNALS = "trap '' HUP INT QUIT USR1 USR2 PIPE ALRM TERM; while true; do sleep 1; done";

/**
 * busybox httpd on :8080 with /cgi-bin/echo, which writes `$REQUEST_METHOD $REQUEST_URI ua=…` to
 * its stderr (the container's log: busybox httpd leaves a CGI's stderr on its own) and answers
 * with the same line. `/` serves index.html, for probes that should not be recorded. The shell
 * stays PID 1 and ends httpd on SIGTERM (httpd as PID 1 would ignore it until SIGKILL).
 */
export const HTTPD_SCRIPT = [
  'echo ok > /www/index.html',
  "cat > /www/cgi-bin/echo <<'EOF'",
  '#!/bin/sh',
  'line="$REQUEST_METHOD $REQUEST_URI ua=$HTTP_USER_AGENT"',
  'echo "$line" >&2',
  "printf 'Content-Type: text/plain\\r\\n\\r\\n'",
  'echo "$line"',
  'EOF',
  'chmod +x /www/cgi-bin/echo',
  "trap 'kill $pid; exit 0' TERM",
  'httpd -f -p 8080 -h /www & pid=$!',
  'wait $pid',
].join('\n');

/** The handler pod of the e2e tests: busybox httpd, its port declared (so Berth publishes it). */
export function handlerPodYaml(name: string): string {
  const container = busybox(
    'container-handle-http-request',
    HTTPD_SCRIPT,
    `
    ports:
    - name: http
      containerPort: 8080
    readinessProbe:
      httpGet: {path: /, port: 8080}
      periodSeconds: 1`,
  );
  return podYaml(name, container, { grace: 1 });
}

export interface HandlerPod {
  name: string;
  /** The pod IP in the engine network (for exec hooks, which run inside another pod). */
  podIP: string;
  /** The 127.0.0.1 port the handler pod's sandbox publishes for 8080 (for httpGet hooks). */
  hostPort: number;
}

/** Starts the handler pod, waits until it is ready and reads its published port from the engine. */
export async function startHandlerPod(h: PodHarness, name = 'pod-handle-http-request'): Promise<HandlerPod> {
  await h.apply(handlerPodYaml(name));
  const pod = await h.waitForPod(name, (p) => (p.status as { containerStatuses?: { ready: boolean }[] }).containerStatuses?.[0]?.ready === true, 30_000, 'handler ready');
  const podIP = (pod.status as { podIP?: string }).podIP;
  assert.ok(podIP, `handler pod has a pod IP\n${await h.describe(name)}`);
  const sandbox = (await h.engineContainers(name)).find((c) => c.labels[LABELS.role] === 'sandbox');
  assert.ok(sandbox, 'the handler pod has a sandbox container');
  const published = (await h.engine.inspectContainer(sandbox.id)).ports.find((p) => p.containerPort === 8080);
  assert.ok(published, `the handler pod's sandbox publishes 8080: ${JSON.stringify((await h.engine.inspectContainer(sandbox.id)).ports)}`);
  assert.equal(published.hostIp, '127.0.0.1');
  return { name, podIP, hostPort: published.hostPort };
}

/** Hook runs of a pod by uid (they are kept after the pod is gone, as `berth hooks` shows them). */
export function hookRunsOf(h: PodHarness, uid: string): HookRun[] {
  return h.core.store.listHookRuns(uid);
}

/** Container stop timelines of a pod by uid (kept after the pod is gone). */
export function stopsOf(h: PodHarness, uid: string): ContainerStop[] {
  return h.core.store.listContainerStops(uid);
}

/** What `berth describe pod NAME` prints for a pod of the harness. */
export function describeOutput(h: PodHarness, name: string): Promise<string> {
  return describePodVia(h.api, h.namespace, name, Date.now());
}

export async function uidOf(h: PodHarness, name: string): Promise<string> {
  return (await h.getPod(name)).metadata.uid;
}

/** Deletes a pod and waits until it is gone; returns the seconds from the delete call to gone. */
export async function deleteAndTime(h: PodHarness, name: string, gracePeriodSeconds?: number, timeoutMs = 60_000): Promise<number> {
  const started = Date.now();
  await h.api.deletePod({ namespace: h.namespace, name, ...(gracePeriodSeconds !== undefined ? { gracePeriodSeconds } : {}) });
  await h.waitForPodGone(name, timeoutMs);
  return (Date.now() - started) / 1000;
}

/** A timeline as milliseconds relative to the stop's start, for messages and the report. */
export function formatStop(s: ContainerStop): string {
  const rel = (at: number | null) => (at === null ? '-' : `+${at - s.startedAt}`);
  return (
    `${s.container} (${s.reason}, grace ${s.gracePeriodMs} ms): preStop ${rel(s.preStopStartedAt)}..${rel(s.preStopFinishedAt)}, ` +
    `${s.signal ?? 'no signal'} ${rel(s.signalAt)}, SIGKILL ${rel(s.killAt)}, exited ${rel(s.exitedAt)} (code ${s.exitCode ?? '-'})`
  );
}

/** Asserts `value` lies in [min, max], with a message that shows the measured number. */
export function assertWithin(value: number, min: number, max: number, what: string): void {
  assert.ok(value >= min && value <= max, `${what}: ${value} is outside [${min}, ${max}]`);
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface HttpsRecorder {
  port: number;
  requests: RecordedRequest[];
  waitFor(match: (r: RecordedRequest) => boolean, timeoutMs?: number, what?: string): Promise<RecordedRequest>;
  close(): Promise<void>;
}

/**
 * An HTTPS server on 127.0.0.1 with a self-signed certificate made by openssl now; it answers
 * every request with `METHOD URL` and records it.
 */
export async function startHttpsRecorder(): Promise<HttpsRecorder> {
  const dir = makeTempDir('berth-tls-');
  const key = join(dir.path, 'localhost.key');
  const cert = join(dir.path, 'localhost.crt');
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1',
    '-keyout', key, '-out', cert,
    '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
  ], { stdio: 'ignore' });
  const requests: RecordedRequest[] = [];
  const server = https.createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end(`${req.method} ${req.url}\n`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  dir.remove();
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    requests,
    async waitFor(match, timeoutMs = 30_000, what = 'the expected request') {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = requests.find(match);
        if (found) return found;
        if (Date.now() > deadline) assert.fail(`the HTTPS server saw no ${what} within ${timeoutMs} ms; it saw: ${JSON.stringify(requests.map((r) => `${r.method} ${r.url}`))}`);
        await delay(100);
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Collected measurements, printed at the end of a file (for the report). */
export class Timings {
  private readonly lines: string[] = [];
  add(line: string): void {
    this.lines.push(line);
    process.stderr.write(`[timing] ${line}\n`);
  }
  print(title: string): void {
    process.stderr.write(`\n${title}\n  ${this.lines.join('\n  ')}\n`);
  }
}
