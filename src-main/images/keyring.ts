// The kubelet's credential matching (pkg/credentialprovider/keyring.go): BasicDockerKeyring,
// its URL glob matching, and the union of keyrings. Pure.
//
// - Keys are normalised on Add: a scheme is stripped, and a `/v1/` or `/v2/` path counts as the
//   bare host (`https://index.docker.io/v1/` → `index.docker.io`).
// - A key matches an image when the ports are equal, the hosts have the same number of labels,
//   each label matches as a glob (`*.example.com`), and the key's path is a prefix of the image's.
// - Keys are tried in reverse lexical order, so `quay.io/coreos` comes before `quay.io`; every
//   match is returned, most specific first (the kubelet tries them all, in order).
// - With no match, images on Docker Hub fall back to the `index.docker.io` credentials.
import type { DockerConfig } from './docker-config';

export interface RegistryCredential {
  username: string;
  password: string;
  email?: string;
  /** The config key that matched, as written (`https://index.docker.io/v1/`). */
  registry: string;
  /** Where it came from, for messages: `Secret default/regcred`, `/home/me/.docker/config.json`. */
  source: string;
}

export interface DockerKeyring {
  /** All credentials for an image name (`domain/path`, the kubelet's repoToPull), in the order to try them. */
  lookup(image: string): RegistryCredential[];
}

const DEFAULT_REGISTRY_HOST = 'index.docker.io';

export class BasicDockerKeyring implements DockerKeyring {
  private index: string[] = [];
  private readonly creds = new Map<string, RegistryCredential[]>();

  /** `Add`: files every entry under its normalised key, then re-sorts the index. */
  add(config: DockerConfig, source: string): this {
    for (const [registry, entry] of Object.entries(config)) {
      const key = normaliseKey(registry);
      if (key === undefined) continue; // the kubelet logs "Entry %q in dockercfg invalid" and ignores it
      const credential: RegistryCredential = {
        username: entry.username,
        password: entry.password,
        ...(entry.email ? { email: entry.email } : {}),
        registry,
        source,
      };
      const list = this.creds.get(key) ?? [];
      list.push(credential);
      this.creds.set(key, list);
      this.index.push(key);
    }
    // sets.NewString(...).List() then sort.Reverse: unique keys, descending byte order.
    this.index = [...new Set(this.index)].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
    return this;
  }

  lookup(image: string): RegistryCredential[] {
    const found: RegistryCredential[] = [];
    for (const key of this.index) {
      if (urlsMatch(key, image)) found.push(...(this.creds.get(key) ?? []));
    }
    if (found.length > 0) return found;
    if (isDefaultRegistryMatch(image)) return [...(this.creds.get(DEFAULT_REGISTRY_HOST) ?? [])];
    return [];
  }
}

/** `UnionDockerKeyring`: every keyring's matches, keyring by keyring. */
export class UnionDockerKeyring implements DockerKeyring {
  constructor(private readonly keyrings: readonly (DockerKeyring | undefined)[]) {}

  lookup(image: string): RegistryCredential[] {
    return this.keyrings.flatMap((keyring) => keyring?.lookup(image) ?? []);
  }
}

/** A keyring with nothing in it: every pull is anonymous. */
export const EMPTY_KEYRING: DockerKeyring = { lookup: () => [] };

/**
 * The key a config entry is filed under: host (with port) plus any path other than `/`,
 * `/v1/` and `/v2/` prefixes dropped. Undefined when the entry is unusable.
 */
export function normaliseKey(location: string): string | undefined {
  const parsed = splitSchemelessUrl(location.replace(/^https?:\/\//, ''));
  if (parsed === undefined) return undefined;
  let path = parsed.path;
  if (path.startsWith('/v2/') || path.startsWith('/v1/')) path = path.slice(3);
  return path.length > 0 && path !== '/' ? parsed.host + path : parsed.host;
}

/** `isDefaultRegistryMatch`: whether an image name is pulled from Docker Hub. */
export function isDefaultRegistryMatch(image: string): boolean {
  const slash = image.indexOf('/');
  const first = slash === -1 ? image : image.slice(0, slash);
  if (first.length === 0) return false;
  if (slash === -1) return true;
  if (first === 'docker.io' || first === 'index.docker.io') return true;
  return !/[.:]/.test(first);
}

/**
 * `URLsMatchStr`: the key (which may glob each host label) against a schemeless target.
 * Ports must be equal, the label counts equal, and the key's path a prefix of the target's.
 */
export function urlsMatch(globUrl: string, targetUrl: string): boolean {
  const glob = splitSchemelessUrl(globUrl);
  const target = splitSchemelessUrl(targetUrl);
  if (!glob || !target) return false;
  const globHost = splitHostPort(glob.host);
  const targetHost = splitHostPort(target.host);
  if (globHost.port !== targetHost.port) return false;
  const globLabels = globHost.hostname.split('.');
  const targetLabels = targetHost.hostname.split('.');
  if (globLabels.length !== targetLabels.length) return false;
  if (!target.path.startsWith(glob.path)) return false;
  return globLabels.every((label, i) => globMatch(label, targetLabels[i] ?? ''));
}

/** Host and path of `host[:port][/path]` (Go's url.Parse of `https://` + it, scheme dropped). */
function splitSchemelessUrl(url: string): { host: string; path: string } | undefined {
  const cut = url.search(/[/?#]/);
  const host = cut === -1 ? url : url.slice(0, cut);
  const rest = cut === -1 ? '' : url.slice(cut);
  const path = rest.startsWith('/') ? rest.replace(/[?#].*$/, '') : '';
  if (/[\s]/.test(host)) return undefined;
  return { host, path };
}

/** `net.SplitHostPort`, falling back to the whole host with no port, as keyring.go does. */
function splitHostPort(host: string): { hostname: string; port: string } {
  const bracketed = /^\[([^\]]*)\]:([^:]*)$/.exec(host);
  if (bracketed) return { hostname: bracketed[1] ?? '', port: bracketed[2] ?? '' };
  const colon = host.lastIndexOf(':');
  if (colon === -1 || host.indexOf(':') !== colon) return { hostname: host, port: '' };
  return { hostname: host.slice(0, colon), port: host.slice(colon + 1) };
}

/** `filepath.Match` for one host label: `*`, `?`, `[...]` classes and `\` escapes. */
export function globMatch(pattern: string, name: string): boolean {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] ?? '';
    if (ch === '*') source += '[^/]*';
    else if (ch === '?') source += '[^/]';
    else if (ch === '\\' && i + 1 < pattern.length) source += escapeRegExp(pattern[++i] ?? '');
    else if (ch === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end === -1) return false; // ErrBadPattern: the kubelet treats it as no match
      let body = pattern.slice(i + 1, end);
      const negated = body.startsWith('^');
      if (negated) body = body.slice(1);
      source += `[${negated ? '^' : ''}${body.replace(/[\]\\]/g, '\\$&')}]`;
      i = end;
    } else source += escapeRegExp(ch);
  }
  try {
    return new RegExp(`^${source}$`).test(name);
  } catch {
    return false;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
