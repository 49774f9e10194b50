// Berth's kubeconfig, and merging its `berth` cluster, user and context into a user's kubeconfig
// (`berth kubeconfig --merge`) without touching any other entry or comment: the file is edited as
// a YAML document, not rewritten from parsed data. Pure: text in, text out.
import { isMap, isSeq, parseDocument, stringify, type Document } from 'yaml';

export const KUBECONFIG_NAME = 'berth';

export interface KubeconfigInput {
  /** https://127.0.0.1:PORT */
  readonly server: string;
  readonly caPem: string;
  readonly clientCertPem: string;
  readonly clientKeyPem: string;
}

const b64 = (pem: string) => Buffer.from(pem, 'utf8').toString('base64');

interface Entries {
  cluster: { name: string; cluster: Record<string, string> };
  user: { name: string; user: Record<string, string> };
  context: { name: string; context: Record<string, string> };
}

function entries(input: KubeconfigInput): Entries {
  return {
    cluster: { name: KUBECONFIG_NAME, cluster: { server: input.server, 'certificate-authority-data': b64(input.caPem) } },
    user: { name: KUBECONFIG_NAME, user: { 'client-certificate-data': b64(input.clientCertPem), 'client-key-data': b64(input.clientKeyPem) } },
    context: { name: KUBECONFIG_NAME, context: { cluster: KUBECONFIG_NAME, user: KUBECONFIG_NAME } },
  };
}

/** The kubeconfig Berth writes to <dataDir>/kubeconfig: one cluster, user and context, all `berth`. */
export function buildKubeconfig(input: KubeconfigInput): string {
  const e = entries(input);
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [e.cluster],
    users: [e.user],
    contexts: [e.context],
    'current-context': KUBECONFIG_NAME,
    preferences: {},
  });
}

export class KubeconfigMergeError extends Error {}

export interface MergeResult {
  readonly text: string;
  /** The current context after the merge (unchanged unless none was set). */
  readonly currentContext: string;
  /** True when the merge made `berth` the current context. */
  readonly switched: boolean;
}

/** Replaces the list entry named `berth` under `key`, or appends one; other entries stay as written. */
function upsert(doc: Document, key: 'clusters' | 'users' | 'contexts', entry: { name: string }, file: string): void {
  const list = doc.get(key, true);
  if (list === undefined || list === null || (!isSeq(list) && (list as { value?: unknown }).value === null)) {
    doc.set(key, doc.createNode([entry]));
    return;
  }
  if (!isSeq(list)) throw new KubeconfigMergeError(`${file}: "${key}" is not a list; nothing was changed`);
  const index = list.items.findIndex((item) => isMap(item) && item.get('name') === entry.name);
  if (index >= 0) list.items[index] = doc.createNode(entry);
  else list.items.push(doc.createNode(entry));
}

/** Whether the file indents its lists under their key (kubectl writes `- name:` flush with it). */
function indentsSequences(text: string): boolean {
  const match = /^(?:clusters|users|contexts):[ \t]*\r?\n(?:[ \t]*#.*\r?\n)*([ \t]*)- /m.exec(text);
  return Boolean(match && match[1]!.length > 0);
}

/**
 * Merges Berth's entries into `existing` (the text of `file`, or undefined when there is no such
 * file). Sets current-context only when none is set. Throws KubeconfigMergeError naming the file
 * when it is not a kubeconfig, so the caller changes nothing.
 */
export function mergeKubeconfig(existing: string | undefined, input: KubeconfigInput, file: string): MergeResult {
  const blank = existing === undefined || existing.trim() === '';
  const doc = blank ? parseDocument('apiVersion: v1\nkind: Config\n') : parseDocument(existing);
  if (doc.errors.length) {
    const [first] = doc.errors;
    throw new KubeconfigMergeError(`${file} is not valid YAML (${first!.message.split('\n')[0]}); nothing was changed`);
  }
  if (!isMap(doc.contents)) throw new KubeconfigMergeError(`${file} is not a kubeconfig (its top level is not a mapping); nothing was changed`);
  const e = entries(input);
  upsert(doc, 'clusters', e.cluster, file);
  upsert(doc, 'users', e.user, file);
  upsert(doc, 'contexts', e.context, file);
  const current = doc.get('current-context');
  const hasCurrent = typeof current === 'string' && current !== '';
  if (!hasCurrent) doc.set('current-context', KUBECONFIG_NAME);
  const text = doc.toString({ indentSeq: indentsSequences(existing ?? ''), flowCollectionPadding: false });
  return { text, currentContext: hasCurrent ? current : KUBECONFIG_NAME, switched: !hasCurrent };
}

/** Where `--merge` writes: $KUBECONFIG's first file, else ~/.kube/config (as kubectl config does). */
export function mergeTarget(env: NodeJS.ProcessEnv, home: string, delimiter: string, join: (...parts: string[]) => string): string {
  const first = (env.KUBECONFIG ?? '').split(delimiter).find((p) => p.trim() !== '');
  return first ?? join(home, '.kube', 'config');
}

const unb64 = (value: unknown) => (typeof value === 'string' ? Buffer.from(value, 'base64').toString('utf8') : '');

/** Reads back what buildKubeconfig wrote (for `--merge`); throws when it is not Berth's. */
export function kubeconfigInputFrom(text: string, file: string): KubeconfigInput {
  const doc = parseDocument(text);
  const named = (key: string) => {
    const list = doc.get(key);
    return isSeq(list) ? list.items.find((item) => isMap(item) && item.get('name') === KUBECONFIG_NAME) : undefined;
  };
  const cluster = named('clusters');
  const user = named('users');
  const input = {
    server: isMap(cluster) ? String(cluster.getIn(['cluster', 'server']) ?? '') : '',
    caPem: isMap(cluster) ? unb64(cluster.getIn(['cluster', 'certificate-authority-data'])) : '',
    clientCertPem: isMap(user) ? unb64(user.getIn(['user', 'client-certificate-data'])) : '',
    clientKeyPem: isMap(user) ? unb64(user.getIn(['user', 'client-key-data'])) : '',
  };
  if (doc.errors.length || Object.values(input).some((v) => v === '')) throw new KubeconfigMergeError(`${file} is not the kubeconfig Berth writes`);
  return input;
}
