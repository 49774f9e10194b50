// `berth describe pod`: what `kubectl describe pod` prints, plus what the kubelet throws away
// (the last run of each lifecycle hook). Pure: pod, events and hook runs in, text out.
import { eventAge } from '../../../src-shared/human-duration';
import type { PodObject } from '../../api/results';
import type { BerthEvent, ContainerStop, HookRun } from '../../model';
import { terminationSummary } from '../../../src-shared/termination-summary';

type Json = Record<string, unknown>;

/** kubectl's time format: RFC 1123 with a numeric zone, e.g. `Wed, 25 Nov 2026 08:06:46 +0000`. */
export function describeTime(iso: string | undefined): string {
  if (!iso) return '<unknown>';
  const date = new Date(iso);
  const day = date.toUTCString().slice(0, 25);
  return `${day} +0000`;
}

class Lines {
  readonly out: string[] = [];
  field(indent: number, label: string, value: string, width: number): void {
    this.out.push(`${' '.repeat(indent)}${`${label}:`.padEnd(width)}${value}`);
  }
  line(indent: number, text: string): void {
    this.out.push(`${' '.repeat(indent)}${text}`);
  }
}

function mapLines(map: Record<string, string> | undefined): string[] {
  const entries = Object.entries(map ?? {}).sort(([a], [b]) => a.localeCompare(b));
  return entries.length ? entries.map(([k, v]) => `${k}=${v}`) : ['<none>'];
}

function describeState(lines: Lines, label: string, state: Json | undefined): void {
  const [kind, detail] = Object.entries(state ?? {})[0] ?? [];
  if (!kind) {
    lines.field(4, label, label === 'State' ? 'Waiting' : '', 18);
    return;
  }
  const d = (detail ?? {}) as Json;
  lines.field(4, label, kind[0]!.toUpperCase() + kind.slice(1), 18);
  if (kind === 'waiting') lines.field(6, 'Reason', String(d.reason ?? ''), 16);
  if (kind === 'running') lines.field(6, 'Started', describeTime(d.startedAt as string), 16);
  if (kind === 'terminated') {
    lines.field(6, 'Reason', String(d.reason ?? ''), 16);
    if (d.message) lines.field(6, 'Message', String(d.message), 16);
    lines.field(6, 'Exit Code', String(d.exitCode ?? ''), 16);
    if (d.signal) lines.field(6, 'Signal', String(d.signal), 16);
    lines.field(6, 'Started', describeTime(d.startedAt as string), 16);
    lines.field(6, 'Finished', describeTime(d.finishedAt as string), 16);
  }
  if (kind === 'waiting' && d.message) lines.field(6, 'Message', String(d.message), 16);
}

function envSource(env: Json): string {
  if (env.value !== undefined) return String(env.value);
  const from = (env.valueFrom ?? {}) as Json;
  if (from.fieldRef) return `(v1:${(from.fieldRef as Json).fieldPath})`;
  if (from.resourceFieldRef) return `${(from.resourceFieldRef as Json).resource}`;
  if (from.configMapKeyRef) {
    const ref = from.configMapKeyRef as Json;
    return `<set to the key '${ref.key}' of config map '${ref.name}'>`;
  }
  if (from.secretKeyRef) {
    const ref = from.secretKeyRef as Json;
    return `<set to the key '${ref.key}' in secret '${ref.name}'>`;
  }
  return '';
}

function handlerSummary(handler: Json | undefined): string | undefined {
  if (!handler) return undefined;
  if (handler.exec) return `exec [${((handler.exec as Json).command as string[]).join(' ')}]`;
  if (handler.httpGet) {
    const h = handler.httpGet as Json;
    return `http-get ${String(h.scheme ?? 'HTTP').toLowerCase()}://${h.host ?? ''}:${h.port}${h.path ?? '/'}`;
  }
  if (handler.sleep) return `sleep ${(handler.sleep as Json).seconds}s`;
  if (handler.tcpSocket) return `tcp-socket :${(handler.tcpSocket as Json).port}`;
  return undefined;
}

function hookRunSummary(run: HookRun): string {
  const seconds = run.finishedAt !== null ? `${((run.finishedAt - run.startedAt) / 1000).toFixed(1)}s` : 'running';
  const outcome = run.finishedAt === null ? 'running' : run.error ? `failed: ${run.error}` : 'ok';
  const code = run.httpStatus !== null ? `, HTTP ${run.httpStatus}` : run.exitCode !== null ? `, exit ${run.exitCode}` : '';
  const attempt = run.attempt > 1 ? `, attempt ${run.attempt}` : '';
  return `${outcome} (${seconds}${code}${attempt})`;
}

function describeContainers(lines: Lines, title: string, specs: Json[], statuses: Json[], hookRuns: HookRun[], stops: ContainerStop[]): void {
  if (specs.length === 0) return;
  lines.line(0, `${title}:`);
  for (const spec of specs) {
    const status = statuses.find((s) => s.name === spec.name) ?? {};
    lines.line(2, `${spec.name}:`);
    lines.field(4, 'Container ID', String(status.containerID ?? ''), 18);
    lines.field(4, 'Image', String(spec.image), 18);
    lines.field(4, 'Image ID', String(status.imageID ?? ''), 18);
    const ports = (spec.ports as Json[] | undefined) ?? [];
    lines.field(4, 'Port', ports.length ? ports.map((p) => `${p.containerPort}/${p.protocol}`).join(', ') : '<none>', 18);
    lines.field(4, 'Host Port', ports.length ? ports.map((p) => `${p.hostPort ?? 0}/${p.protocol}`).join(', ') : '<none>', 18);
    for (const [label, key] of [['Command', 'command'], ['Args', 'args']] as const) {
      const words = spec[key] as string[] | undefined;
      if (!words?.length) continue;
      lines.line(4, `${label}:`);
      for (const word of words) lines.line(6, word);
    }
    describeState(lines, 'State', status.state as Json);
    if (status.lastState && Object.keys(status.lastState).length) describeState(lines, 'Last State', status.lastState as Json);
    lines.field(4, 'Ready', status.ready ? 'True' : 'False', 18);
    lines.field(4, 'Restart Count', String(status.restartCount ?? 0), 18);
    const lastStop = stops.filter((s) => s.container === spec.name).at(-1);
    if (lastStop) lines.field(4, 'Last Stop', `${lastStop.reason}: ${terminationSummary(lastStop)}`, 18);
    const lifecycle = spec.lifecycle as Json | undefined;
    for (const [hook, key] of [['PostStart', 'postStart'], ['PreStop', 'preStop']] as const) {
      const summary = handlerSummary(lifecycle?.[key] as Json | undefined);
      if (!summary) continue;
      const last = hookRuns.filter((r) => r.container === spec.name && r.hook === hook).at(-1);
      lines.field(4, hook, `${summary}${last ? `  — last run ${hookRunSummary(last)}` : ''}`, 18);
    }
    const env = (spec.env as Json[] | undefined) ?? [];
    lines.line(4, `Environment:${env.length ? '' : '  <none>'}`);
    for (const e of env) lines.line(6, `${e.name}:  ${envSource(e)}`);
    const mounts = (spec.volumeMounts as Json[] | undefined) ?? [];
    lines.line(4, `Mounts:${mounts.length ? '' : '  <none>'}`);
    for (const m of mounts) lines.line(6, `${m.mountPath} from ${m.name} (${m.readOnly ? 'ro' : 'rw'}${m.subPath ? `,path="${m.subPath}"` : ''})`);
  }
}

function volumeType(volume: Json): string[] {
  if (volume.emptyDir) return ['Type:       EmptyDir (a temporary directory that shares a pod\'s lifetime)', `Medium:     ${(volume.emptyDir as Json).medium ?? ''}`];
  if (volume.hostPath) return ['Type:          HostPath (bare host directory volume)', `Path:          ${(volume.hostPath as Json).path}`];
  if (volume.configMap) return ['Type:      ConfigMap (a volume populated by a ConfigMap)', `Name:      ${(volume.configMap as Json).name}`];
  if (volume.secret) return ['Type:        Secret (a volume populated by a Secret)', `SecretName:  ${(volume.secret as Json).secretName}`];
  if (volume.downwardAPI) return ['Type:  DownwardAPI (a volume populated by information about the pod)'];
  if (volume.persistentVolumeClaim) return ['Type:       PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)', `ClaimName:  ${(volume.persistentVolumeClaim as Json).claimName}`];
  return ['Type:  <unknown>'];
}

export function describePod(pod: PodObject, events: BerthEvent[], hookRuns: HookRun[], stops: ContainerStop[], now: number): string {
  const lines = new Lines();
  // Read as plain JSON, as kubectl describe walks the object.
  const spec: Json = { ...pod.spec };
  const status = pod.status as Json;
  const w = 18;
  lines.field(0, 'Name', pod.metadata.name, w);
  lines.field(0, 'Namespace', pod.metadata.namespace, w);
  lines.field(0, 'Priority', '0', w);
  lines.field(0, 'Service Account', String(spec.serviceAccountName ?? 'default'), w);
  lines.field(0, 'Node', spec.nodeName ? `${spec.nodeName}/${status.hostIP ?? ''}` : '<none>', w);
  lines.field(0, 'Start Time', status.startTime ? describeTime(status.startTime as string) : '<unset>', w);
  mapLines(pod.metadata.labels).forEach((l, i) => lines.field(0, i === 0 ? 'Labels' : '', l, w));
  mapLines(pod.metadata.annotations).forEach((l, i) => lines.field(0, i === 0 ? 'Annotations' : '', l, w));
  lines.field(0, 'Status', pod.metadata.deletionTimestamp ? 'Terminating' : String(status.phase ?? 'Pending'), w);
  if (status.reason) lines.field(0, 'Reason', String(status.reason), w);
  if (status.message) lines.field(0, 'Message', String(status.message), w);
  lines.field(0, 'IP', String(status.podIP ?? ''), w);
  const ips = (status.podIPs as Json[] | undefined) ?? [];
  lines.line(0, `IPs:${ips.length ? '' : '              <none>'}`);
  for (const ip of ips) lines.line(2, `IP:  ${ip.ip}`);
  if (spec.runtimeClassName) lines.field(0, 'Runtime Class Name', String(spec.runtimeClassName), w);
  describeContainers(lines, 'Init Containers', (spec.initContainers as Json[]) ?? [], (status.initContainerStatuses as Json[]) ?? [], hookRuns, stops);
  describeContainers(lines, 'Containers', (spec.containers as Json[]) ?? [], (status.containerStatuses as Json[]) ?? [], hookRuns, stops);
  const conditions = (status.conditions as Json[] | undefined) ?? [];
  if (conditions.length) {
    lines.line(0, 'Conditions:');
    const width = Math.max(4, ...conditions.map((c) => String(c.type).length)) + 2;
    lines.line(2, `${'Type'.padEnd(width)}Status`);
    for (const c of conditions) lines.line(2, `${String(c.type).padEnd(width)}${c.status}`);
  }
  const volumes = (spec.volumes as Json[] | undefined) ?? [];
  lines.line(0, `Volumes:${volumes.length ? '' : '  <none>'}`);
  for (const v of volumes) {
    lines.line(2, `${v.name}:`);
    for (const l of volumeType(v)) lines.line(4, l);
  }
  lines.field(0, 'QoS Class', String(status.qosClass ?? ''), 29);
  lines.field(0, 'Node-Selectors', mapLines(spec.nodeSelector as Record<string, string>).join(','), 29);
  lines.field(0, 'Tolerations', '<none>', 29);
  if (events.length === 0) {
    lines.line(0, 'Events:  <none>');
  } else {
    lines.line(0, 'Events:');
    const rows = events.map((e) => [e.type, e.reason, eventAge(e, now), e.source.component, e.message]);
    const headers = ['Type', 'Reason', 'Age', 'From', 'Message'];
    const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const row = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
    lines.line(2, row(headers));
    lines.line(2, row(headers.map((h) => '-'.repeat(h.length))));
    for (const r of rows) lines.line(2, row(r));
  }
  return `${lines.out.join('\n')}\n`;
}
