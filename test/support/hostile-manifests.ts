// Hostile files within the 4 MiB limit (issue #16): each one cost minutes, gigabytes or a
// database row hundreds of times its size before the importer bounded it.
import { MAX_SOURCE_BYTES } from '../../src-main/kube';

/** A ConfigMap of `nodes` keys and then `aliases` aliases of one anchored value: every alias used to walk the whole document. */
export function manyAliases(nodes = 50_000, aliases = 3000): string {
  const keys = Array.from({ length: nodes }, (_, i) => `  k${i}: v`).join('\n');
  const uses = Array.from({ length: aliases }, (_, i) => `  a${i}: *v`).join('\n');
  return `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: aliases}\ndata:\n  anchor: &v value\n${keys}\n${uses}\n`;
}

/** One flow sequence of two million items, just under the size limit. */
export function longFlowSequence(bytes = MAX_SOURCE_BYTES - 1024): string {
  const head = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: flow}\ndata: {x: z}\nitems: [';
  const count = Math.floor((bytes - head.length - 2) / 2);
  return `${head}${'1,'.repeat(count - 1)}1]\n`;
}

/** A 36 KB string anchored once and aliased 10 000 times as a container's args: 10 000 nodes, 360 MB once expanded. */
export function aliasAmplifier(stringBytes = 36_000, aliases = 10_000): string {
  const uses = Array.from({ length: aliases }, () => '    - *s').join('\n');
  return `apiVersion: v1\nkind: Pod\nmetadata: {name: amplified}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    command: [&s "${'x'.repeat(stringBytes)}"]\n    args:\n${uses}\n`;
}

/** A valid List of `pods` pods as JSON on one line, as `kubectl get -o json | jq -c` writes it. */
export function minifiedJsonList(pods = 2500): string {
  const items = Array.from({ length: pods }, (_, i) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `pod-${i}`, labels: { app: 'web', tier: 'frontend', index: String(i) } },
    spec: {
      containers: [
        {
          name: 'app',
          image: 'nginx:1.27',
          ports: [{ containerPort: 8080 }],
          env: [{ name: 'MODE', value: 'production' }],
          resources: { limits: { cpu: '500m', memory: '128Mi' } },
        },
      ],
    },
  }));
  return JSON.stringify({ apiVersion: 'v1', kind: 'List', items });
}
