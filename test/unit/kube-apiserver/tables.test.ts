// Server-side Tables against the API server's printers (pkg/printers/internalversion/printers.go
// and its printers_test.go cases) and the default table convertor (apiserver registry/rest/table.go).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { toTable, type KubeObjectLike } from '../../../src-main/kube-apiserver/tables';

const NOW = Date.parse('2026-12-03T12:00:00Z');
const ago = (seconds: number) => new Date(NOW - seconds * 1000).toISOString();

const headers = (resource: string) =>
  toTable(resource, [], {}, { now: NOW }).columnDefinitions!.map((c) => (c.priority ? `${c.name}*` : c.name));
const cells = (resource: string, object: KubeObjectLike) => toTable(resource, [object], {}, { now: NOW }).rows[0]!.cells;

function pod(status: Record<string, unknown>, spec: Record<string, unknown> = { containers: [{ name: 'a' }, { name: 'b' }] }, meta = {}) {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'test', namespace: 'default', creationTimestamp: ago(90), ...meta }, spec, status };
}

describe('columns (priority-1 columns marked *: kubectl shows them with -o wide)', () => {
  test('as the printers define them', () => {
    assert.deepEqual(headers('pods'), ['Name', 'Ready', 'Status', 'Restarts', 'Age', 'IP*', 'Node*', 'Nominated Node*', 'Readiness Gates*']);
    assert.deepEqual(headers('events'), ['Last Seen', 'Type', 'Reason', 'Object', 'Subobject*', 'Source*', 'Message', 'First Seen*', 'Count*', 'Name*']);
    assert.deepEqual(headers('services'), ['Name', 'Type', 'Cluster-IP', 'External-IP', 'Port(s)', 'Age', 'Selector*']);
    assert.deepEqual(headers('configmaps'), ['Name', 'Data', 'Age']);
    assert.deepEqual(headers('secrets'), ['Name', 'Type', 'Data', 'Age']);
    assert.deepEqual(headers('namespaces'), ['Name', 'Status', 'Age']);
    assert.deepEqual(headers('nodes'), ['Name', 'Status', 'Roles', 'Age', 'Version', 'Internal-IP*', 'External-IP*', 'OS-Image*', 'Kernel-Version*', 'Container-Runtime*']);
    assert.deepEqual(headers('runtimeclasses'), ['Name', 'Handler', 'Age']);
    // rest.defaultTableConvertor: {Name: "Name", … Format: "name"}, {Name: "Created At", Type: "date"}
    assert.deepEqual(headers('leases'), ['Name', 'Created At']);
  });

  test('every definition carries name, type, format, description and priority; the name column is format "name"', () => {
    const [name, ready] = toTable('pods', [], {}, { now: NOW }).columnDefinitions!;
    assert.deepEqual(Object.keys(name!).sort(), ['description', 'format', 'name', 'priority', 'type']);
    assert.equal(name!.format, 'name');
    assert.match(name!.description, /^Name must be unique within a namespace/);
    assert.deepEqual(ready, { name: 'Ready', type: 'string', format: '', description: 'The aggregate readiness state of this pod for accepting traffic.', priority: 0 });
  });
});

describe('pod rows (printPod)', () => {
  test('printers_test.go TestPrintPod: restarts add up, a waiting reason wins, ready needs running', () => {
    const rows: [Record<string, unknown>, string, string, string][] = [
      [{ phase: 'podPhase', containerStatuses: [{ name: 'a', ready: true, restartCount: 3, state: { running: {} } }, { name: 'b', restartCount: 3 }] }, '1/2', 'podPhase', '6'],
      [{ phase: 'podPhase', containerStatuses: [{ name: 'a', ready: true, restartCount: 3, state: { running: {} } }, { name: 'b', restartCount: 3, state: { waiting: { reason: 'ContainerWaitingReason' } } }] }, '1/2', 'ContainerWaitingReason', '6'],
      [{ phase: 'podPhase', containerStatuses: [{ name: 'a', restartCount: 3, state: { waiting: { reason: 'ContainerWaitingReason' } } }, { name: 'b', restartCount: 3, state: { terminated: { reason: 'ContainerTerminatedReason' } } }] }, '0/2', 'ContainerWaitingReason', '6'],
      [{ phase: 'podPhase', containerStatuses: [{ name: 'a', ready: true, restartCount: 3 }, { name: 'b', ready: true, restartCount: 3 }] }, '0/2', 'podPhase', '6'],
      [{ phase: 'podPhase', reason: 'podReason', containerStatuses: [{ name: 'a', ready: true, restartCount: 3, state: { running: {} } }, { name: 'b', ready: true, restartCount: 3 }] }, '1/2', 'podReason', '6'],
      // one container completed, one running: NotReady without the Ready condition, Running with it
      [{ phase: 'Running', containerStatuses: [{ name: 'a', ready: true, restartCount: 3, state: { terminated: { reason: 'Completed', exitCode: 0 } } }, { name: 'b', ready: true, restartCount: 3, state: { running: {} } }] }, '1/2', 'NotReady', '6'],
      [{ phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }], containerStatuses: [{ name: 'a', ready: true, restartCount: 3, state: { terminated: { reason: 'Completed', exitCode: 0 } } }, { name: 'b', ready: true, restartCount: 3, state: { running: {} } }] }, '1/2', 'Running', '6'],
    ];
    for (const [status, ready, shown, restarts] of rows) {
      const [name, r, s, rs, age] = cells('pods', pod(status));
      assert.deepEqual([name, r, s, rs, age], ['test', ready, shown, restarts, '90s'], JSON.stringify(status));
    }
  });

  test('RESTARTS carries "(… ago)" from the last termination, as the server prints it', () => {
    const status = {
      phase: 'Running',
      containerStatuses: [{ name: 'a', ready: true, restartCount: 2, state: { running: {} }, lastState: { terminated: { exitCode: 1, finishedAt: ago(300) } } }],
    };
    assert.equal(cells('pods', pod(status, { containers: [{ name: 'a' }] }))[3], '2 (5m ago)');
  });

  test('the wide cells: IP (first of podIPs), NODE, NOMINATED NODE, READINESS GATES; <none> when empty', () => {
    assert.deepEqual(cells('pods', pod({ phase: 'Pending' })).slice(5), ['<none>', '<none>', '<none>', '<none>']);
    const spec = { containers: [{ name: 'a' }], nodeName: 'berth', readinessGates: [{ conditionType: 'c1' }, { conditionType: 'c2' }] };
    const status = { phase: 'Running', podIP: '10.0.0.9', podIPs: [{ ip: '10.0.0.5' }], conditions: [{ type: 'c1', status: 'False' }, { type: 'c2', status: 'True' }] };
    assert.deepEqual(cells('pods', pod(status, spec)).slice(5), ['10.0.0.5', 'berth', '<none>', '1/2']);
    assert.equal(cells('pods', pod({ phase: 'Running', podIP: '10.0.0.9' }, spec))[5], '10.0.0.9');
  });

  test('Terminating while the deletionTimestamp is set, unless the pod already finished', () => {
    assert.equal(cells('pods', pod({ phase: 'Running' }, undefined, { deletionTimestamp: ago(1) }))[2], 'Terminating');
    assert.equal(cells('pods', pod({ phase: 'Succeeded' }, undefined, { deletionTimestamp: ago(1) }))[2], 'Succeeded');
  });

  test('SchedulingGated from the PodScheduled condition; Unknown for a deleted pod whose node was lost', () => {
    const gated = { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] };
    assert.equal(cells('pods', pod(gated))[2], 'SchedulingGated');
    assert.equal(cells('pods', pod({ phase: 'Running', reason: 'NodeLost' }, undefined, { deletionTimestamp: ago(1) }))[2], 'Unknown');
  });

  test('finished pods carry the Completed row condition', () => {
    const table = toTable('pods', [pod({ phase: 'Succeeded' }), pod({ phase: 'Failed' }), pod({ phase: 'Running' })], {}, { now: NOW });
    assert.deepEqual(table.rows[0]!.conditions, [{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }]);
    assert.deepEqual(table.rows[1]!.conditions, [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }]);
    assert.equal('conditions' in table.rows[2]!, false);
  });

  test('an init container in progress shows Init:i/n, a sidecar counts towards READY', () => {
    const spec = { initContainers: [{ name: 'i1' }, { name: 'side', restartPolicy: 'Always' }], containers: [{ name: 'a' }] };
    const init = cells('pods', pod({ phase: 'Pending', initContainerStatuses: [{ name: 'i1', state: { running: {} } }] }, spec));
    assert.deepEqual(init.slice(1, 3), ['0/2', 'Init:0/2']);
  });
});

describe('other kinds', () => {
  test('an event (printEvent): kind/name, source with host, trimmed message, count 1 for a singleton', () => {
    const event = {
      metadata: { name: 'web.17a', namespace: 'default' },
      involvedObject: { kind: 'Pod', name: 'web', fieldPath: 'spec.containers{app}' },
      reason: 'FailedPostStartHook',
      type: 'Warning',
      message: ' PostStartHook failed \n',
      source: { component: 'kubelet', host: 'berth' },
      firstTimestamp: ago(600),
      lastTimestamp: ago(30),
    };
    assert.deepEqual(cells('events', event), ['30s', 'Warning', 'FailedPostStartHook', 'pod/web', 'spec.containers{app}', 'kubelet, berth', 'PostStartHook failed', '10m', 1, 'web.17a']);
    const series = { ...event, lastTimestamp: undefined, firstTimestamp: undefined, eventTime: ago(120), series: { count: 4, lastObservedTime: ago(5) }, source: {}, reportingComponent: 'berth' };
    assert.deepEqual(cells('events', series).slice(0, 9), ['5s', 'Warning', 'FailedPostStartHook', 'pod/web', 'spec.containers{app}', 'berth', 'PostStartHook failed', '2m', 4]);
  });

  test('a service (printService)', () => {
    const svc = { metadata: { name: 'web', creationTimestamp: ago(3600 * 3) }, spec: { type: 'ClusterIP', clusterIPs: ['10.96.0.10'], ports: [{ port: 80, protocol: 'TCP' }, { port: 53, protocol: 'UDP', nodePort: 30053 }], selector: { tier: 'web', app: 'x' } } };
    assert.deepEqual(cells('services', svc), ['web', 'ClusterIP', '10.96.0.10', '<none>', '80/TCP,53:30053/UDP', '3h', 'app=x,tier=web']);
    const lb = { metadata: { name: 'lb' }, spec: { type: 'LoadBalancer' } };
    assert.deepEqual(cells('services', lb), ['lb', 'LoadBalancer', '<none>', '<pending>', '<none>', '<unknown>', '<none>']);
  });

  test('a node (printNode)', () => {
    const node = {
      metadata: { name: 'berth', creationTimestamp: ago(86400 * 3), labels: { 'node-role.kubernetes.io/control-plane': '', 'kubernetes.io/role': 'laptop' } },
      spec: { unschedulable: true },
      status: {
        conditions: [{ type: 'Ready', status: 'True' }],
        addresses: [{ type: 'InternalIP', address: '127.0.0.1' }],
        nodeInfo: { kubeletVersion: 'v1.33.0-berth', osImage: 'Debian GNU/Linux 12', containerRuntimeVersion: 'docker://27.0.1' },
      },
    };
    assert.deepEqual(cells('nodes', node), ['berth', 'Ready,SchedulingDisabled', 'control-plane,laptop', '3d', 'v1.33.0-berth', '127.0.0.1', '<none>', 'Debian GNU/Linux 12', '<unknown>', 'docker://27.0.1']);
    assert.equal(cells('nodes', { metadata: { name: 'n' } })[1], 'Unknown');
  });

  test('configmaps and secrets count their keys; namespaces show their phase; runtimeclasses their handler', () => {
    assert.deepEqual(cells('configmaps', { metadata: { name: 'cfg', creationTimestamp: ago(59) }, data: { a: '1', b: '2' }, binaryData: { c: 'AA==' } }), ['cfg', 3, '59s']);
    assert.deepEqual(cells('secrets', { metadata: { name: 's', creationTimestamp: ago(59) }, type: 'Opaque', data: { p: 'c2VjcmV0' } }), ['s', 'Opaque', 1, '59s']);
    assert.deepEqual(cells('namespaces', { metadata: { name: 'default', creationTimestamp: ago(7200) }, status: { phase: 'Active' } }), ['default', 'Active', '120m']);
    assert.deepEqual(cells('runtimeclasses', { metadata: { name: 'runc', creationTimestamp: ago(10) }, handler: 'runc' }), ['runc', 'runc', '10s']);
  });

  test('the default table: the name and the creation time in RFC 3339 (UTC, whole seconds)', () => {
    assert.deepEqual(cells('leases', { metadata: { name: 'x', creationTimestamp: '2026-12-03T11:59:00.123Z' } }), ['x', '2026-12-03T11:59:00Z']);
    assert.deepEqual(cells('leases', { metadata: { name: 'x' } }), ['x', '0001-01-01T00:00:00Z']);
  });
});

describe('the table around the rows', () => {
  const p = pod({ phase: 'Running' }, undefined, { resourceVersion: '42', uid: 'u1', labels: { app: 'web' } });

  test('kind, apiVersion and the list metadata', () => {
    const table = toTable('pods', [p], { resourceVersion: '77', continue: '', remainingItemCount: 3 }, { now: NOW });
    assert.equal(table.kind, 'Table');
    assert.equal(table.apiVersion, 'meta.k8s.io/v1');
    assert.deepEqual(table.metadata, { resourceVersion: '77', remainingItemCount: 3 });
  });

  test('includeObject: Metadata (the default) is PartialObjectMetadata, Object the object, None null', () => {
    assert.deepEqual(toTable('pods', [p], {}, { now: NOW }).rows[0]!.object, { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: p.metadata });
    assert.deepEqual(toTable('pods', [p], {}, { now: NOW, includeObject: 'Object' }).rows[0]!.object, p);
    assert.equal(toTable('pods', [p], {}, { now: NOW, includeObject: 'None' }).rows[0]!.object, null);
  });

  test('noHeaders leaves the column definitions out (null), the rows stay', () => {
    const table = toTable('pods', [p], {}, { now: NOW, noHeaders: true });
    assert.equal(table.columnDefinitions, null);
    assert.equal(table.rows.length, 1);
  });

  test('a resource of its own can bring its printer', () => {
    const printer = { columns: [{ name: 'Name', type: 'string', format: 'name', description: '', priority: 0 }], row: (o: KubeObjectLike) => ({ cells: [String(o.metadata?.name)] }) };
    assert.deepEqual(toTable('hookruns', [{ metadata: { name: 'h1' } }], {}, { now: NOW, printer }).rows[0]!.cells, ['h1']);
  });
});
