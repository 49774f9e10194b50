// Temporary experiment: how a Podman sandbox on a user network goes fastest (kill + die event vs stop).
import Docker from 'dockerode';
const docker = new Docker({ socketPath: process.argv[2] ?? '/run/podman/podman.sock' });
const net = `berth-exp-${Date.now()}`;
await docker.createNetwork({ Name: net });
const events = await docker.getEvents({ filters: { type: ['container'] } });
const dies = new Map<string, () => void>();
events.on('data', (b: Buffer) => { for (const l of b.toString().split('\n')) { try { const e = JSON.parse(l); if (/^die/.test(e.Action ?? e.status ?? '')) dies.get(e.Actor?.ID ?? e.id)?.(); } catch {} } });
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
