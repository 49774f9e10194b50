// Where a V8 CPU profile's time went (the profile driver's --cpu, test/bench/profile.ts): self
// time by source file group (a src-main folder, a package, Node's internals, GC, idle) and by
// function. Pure, so it is unit-tested.

/** The parts of a V8 `Profiler.stop` profile read here. */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

/** `src-main/kubelet/pod`, `node_modules/dockerode`, `node:internal/http`, `(garbage collector)`… */
export function groupOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const path = url.replace(/^file:\/\//, '');
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (pkg) return `node_modules/${pkg[1]}`;
  const own = /\/(src-main|src-shared|test)\/(?:([^/]+)\/)?[^/]*$|\/(src-main|src-shared|test)\/([^/]+)\//.exec(path);
  if (own) return [own[1] ?? own[3], own[2] ?? own[4]].filter(Boolean).join('/');
  if (path.startsWith('node:')) return path.split('/').slice(0, 2).join('/');
  return path;
}

/** Self time summed over the profiles, by group and by function, largest first, in ms. */
export function summarizeCpuProfile(profiles: readonly CpuProfile[]): { byGroup: [string, number][]; byFunction: [string, number][] } {
  const groups = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const profile of profiles) {
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    profile.samples.forEach((id, i) => {
      const node = nodes.get(id);
      if (!node) return;
      const ms = (profile.timeDeltas[i] ?? 0) / 1000;
      const { url, functionName, lineNumber } = node.callFrame;
      const group = groupOf(url, functionName);
      groups.set(group, (groups.get(group) ?? 0) + ms);
      const fn = `${functionName || '(anonymous)'} ${url ? `${url.split('/').slice(-2).join('/')}:${lineNumber + 1}` : ''}`.trim();
      functions.set(fn, (functions.get(fn) ?? 0) + ms);
    });
  }
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
  return { byGroup: sorted(groups), byFunction: sorted(functions) };
}
