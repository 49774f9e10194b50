// How a sandbox (the pause container) on a user-defined network goes fastest, in turns: a kill
// and its `die` event, or the engine's own stop; then its removal (docs/BENCHMARKS.md, "Profile
// of the misses": on Podman the removal after a kill waits for Podman's cleanup process).
//   node --import tsx test/bench/sandbox-stop.ts [engine socket, default Podman's]
import Docker from 'dockerode';
const docker = new Docker({ socketPath: process.argv[2] ?? '/run/podman/podman.sock' });
const net = `berth-exp-${Date.now()}`;
await docker.createNetwork({ Name: net });
const events = await docker.getEvents({ filters: { type: ['container'] } });
const dies = new Map<string, () => void>();
events.on('data', (chunk: Buffer) => {
  for (const line of chunk.toString().split('\n').filter(Boolean)) {
    const event = JSON.parse(line) as { Action?: string; status?: string; id?: string; Actor?: { ID?: string } };
    if (/^die/.test(event.Action ?? event.status ?? '')) dies.get(event.Actor?.ID ?? event.id ?? '')?.();
  }
});
const rows: string[] = [];
for (let i = 0; i < 8; i++) {
  for (const how of ['kill+event', 'stop']) {
    const c = await docker.createContainer({ name: `exp-${i}-${how.replace('+', '')}`, Image: 'local/pause:1', HostConfig: { NetworkMode: net } });
    await c.start();
    await new Promise((r) => setTimeout(r, 300));
    const t0 = performance.now();
    if (how === 'stop') await c.stop({ t: 2 });
    else { const died = new Promise<void>((r) => dies.set(c.id, r)); await c.kill({ signal: 'SIGTERM' }); await died; }
    const t1 = performance.now();
    await c.remove({ force: true });
    const t2 = performance.now();
    rows.push(`${how.padEnd(11)} exit ${(t1 - t0).toFixed(0).padStart(4)} ms, remove ${(t2 - t1).toFixed(0).padStart(4)} ms, total ${(t2 - t0).toFixed(0).padStart(4)} ms`);
  }
}
(events as unknown as { destroy(): void }).destroy();
await docker.getNetwork(net).remove();
console.log(rows.join('\n'));
