// Registry credentials from Docker's config files and from image pull Secrets, parsed as the
// kubelet parses them (pkg/credentialprovider/config.go: `auth` is base64 `user:pass` and wins
// over `username`/`password`; `.dockerconfigjson` holds `{auths}`, `.dockercfg` the old flat map).
//
// Credential helpers (`credsStore`, `credHelpers`) are NOT run. Berth's core runs pod workers in
// the background (in the Electron main process for the desktop app): executing a program named
// by a config file there, which may open a keychain prompt at an unexpected moment or hang
// waiting for one, is not something a pull should do. Registries served by a helper are
// reported in a warning that points at imagePullSecrets (`berth secret create docker-registry`).
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface DockerConfigEntry {
  username: string;
  password: string;
  email?: string;
}

/** Registry key (as written: `https://index.docker.io/v1/`, `127.0.0.1:5000`, `*.example.com`) → entry. */
export type DockerConfig = Record<string, DockerConfigEntry>;

export interface ParsedDockerConfig {
  config: DockerConfig;
  /** Entries skipped and helpers not run, in words for the user (never containing a secret). */
  warnings: string[];
}

export const DOCKER_CONFIG_JSON_SECRET_TYPE = 'kubernetes.io/dockerconfigjson';
export const DOCKER_CONFIG_JSON_KEY = '.dockerconfigjson';
export const DOCKERCFG_SECRET_TYPE = 'kubernetes.io/dockercfg';
export const DOCKERCFG_KEY = '.dockercfg';

const AUTH_FIELD_ERROR = 'unable to parse auth field, must be formatted as base64(username:password)';

/**
 * `decodeDockerConfigFieldAuth`: strict base64 (padded, or unpadded), then `user:pass` split at
 * the first colon. Throws with the kubelet's words.
 */
export function decodeAuthField(field: string): { username: string; password: string } {
  const decoded = decodeStrictBase64(field.trim());
  if (decoded === undefined) throw new Error(`illegal base64 data in auth field`);
  const colon = decoded.indexOf(':');
  if (colon === -1) throw new Error(AUTH_FIELD_ERROR);
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** `encodeDockerConfigFieldAuth`. */
export const encodeAuthField = (username: string, password: string): string =>
  Buffer.from(`${username}:${password}`, 'utf8').toString('base64');

/** Go's StdEncoding/RawStdEncoding: Node's Buffer.from would silently accept garbage. */
function decodeStrictBase64(text: string): string | undefined {
  const padded = text.endsWith('=');
  if (padded ? !/^[A-Za-z0-9+/]*={1,2}$/.test(text) || text.length % 4 !== 0 : !/^[A-Za-z0-9+/]*$/.test(text)) {
    return undefined;
  }
  if (!padded && text.length % 4 === 1) return undefined;
  return Buffer.from(text, 'base64').toString('utf8');
}

/** One `auths` entry (`DockerConfigEntry.UnmarshalJSON`); throws on a malformed one. */
export function parseDockerConfigEntry(value: unknown): DockerConfigEntry {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('entry is not an object');
  const raw = value as Record<string, unknown>;
  for (const field of ['username', 'password', 'email', 'auth'] as const) {
    if (raw[field] !== undefined && typeof raw[field] !== 'string') throw new Error(`"${field}" is not a string`);
  }
  const email = raw.email as string | undefined;
  const auth = (raw.auth as string | undefined) ?? '';
  const fromAuth = auth.length > 0 ? decodeAuthField(auth) : undefined;
  return {
    username: fromAuth?.username ?? ((raw.username as string | undefined) ?? ''),
    password: fromAuth?.password ?? ((raw.password as string | undefined) ?? ''),
    ...(email ? { email } : {}),
  };
}

/** A registry → entry map (`.dockercfg` / the value of `auths`); malformed entries are skipped with a warning. */
export function parseDockerConfigMap(value: unknown, origin: string): ParsedDockerConfig {
  const config: DockerConfig = {};
  const warnings: string[] = [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { config, warnings: [`${origin}: expected an object of registries`] };
  }
  for (const [registry, entry] of Object.entries(value as Record<string, unknown>)) {
    if (isEmptyObject(entry)) continue; // what `docker login` leaves when a helper keeps the secret
    try {
      config[registry] = parseDockerConfigEntry(entry);
    } catch (error) {
      warnings.push(`${origin}: credentials for "${registry}" ignored: ${(error as Error).message}`);
    }
  }
  return { config, warnings };
}

/** `~/.docker/config.json` or a `.dockerconfigjson`: `{"auths": {...}}`, helpers reported, not run. */
export function parseDockerConfigJson(text: string, origin: string): ParsedDockerConfig {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return { config: {}, warnings: [`${origin}: not valid JSON, no credentials read from it`] };
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    return { config: {}, warnings: [`${origin}: expected a JSON object, no credentials read from it`] };
  }
  const root = document as Record<string, unknown>;
  const parsed = root.auths === undefined ? { config: {}, warnings: [] } : parseDockerConfigMap(root.auths, origin);
  const helperWarnings = credentialHelperWarnings(root, origin);
  return { config: parsed.config, warnings: [...parsed.warnings, ...helperWarnings] };
}

/** The legacy `~/.dockercfg` / `.dockercfg` Secret value: the flat registry map. */
export function parseDockercfg(text: string, origin: string): ParsedDockerConfig {
  try {
    return parseDockerConfigMap(JSON.parse(text), origin);
  } catch {
    return { config: {}, warnings: [`${origin}: not valid JSON, no credentials read from it`] };
  }
}

function credentialHelperWarnings(root: Record<string, unknown>, origin: string): string[] {
  const warnings: string[] = [];
  const advice = 'give pods an imagePullSecret instead (berth secret create docker-registry)';
  if (typeof root.credsStore === 'string' && root.credsStore !== '') {
    warnings.push(
      `${origin}: credentials kept by the credential store "docker-credential-${root.credsStore}" are not used ` +
        `(Berth does not run credential helpers); ${advice}`,
    );
  }
  if (typeof root.credHelpers === 'object' && root.credHelpers !== null) {
    const registries = Object.keys(root.credHelpers);
    if (registries.length > 0) {
      warnings.push(
        `${origin}: credential helpers for ${registries.join(', ')} are not run (Berth does not run credential helpers); ${advice}`,
      );
    }
  }
  return warnings;
}

// --- Secrets -----------------------------------------------------------------------------------

/** A Secret as the credential code needs it: its type and its `data` (base64 values). */
export interface PullSecret {
  type: string;
  data: Record<string, string>;
}

/**
 * The registry map of a pull Secret (`MakeDockerKeyring`): `kubernetes.io/dockerconfigjson` with
 * `.dockerconfigjson`, or `kubernetes.io/dockercfg` with `.dockercfg`. Any other Secret holds no
 * registry credentials and yields undefined, as the kubelet silently ignores it.
 */
export function dockerConfigFromSecret(secret: PullSecret, origin: string): ParsedDockerConfig | undefined {
  const jsonValue = secret.data[DOCKER_CONFIG_JSON_KEY];
  if (secret.type === DOCKER_CONFIG_JSON_SECRET_TYPE && jsonValue) {
    return parseDockerConfigJson(Buffer.from(jsonValue, 'base64').toString('utf8'), origin);
  }
  const cfgValue = secret.data[DOCKERCFG_KEY];
  if (secret.type === DOCKERCFG_SECRET_TYPE && cfgValue) {
    return parseDockercfg(Buffer.from(cfgValue, 'base64').toString('utf8'), origin);
  }
  return undefined;
}

/**
 * The `.dockerconfigjson` kubectl writes for `create secret docker-registry`:
 * `{"auths":{"SERVER":{"username","password","email"?,"auth"}}}`.
 */
export function buildDockerConfigJson(entry: { server: string; username: string; password: string; email?: string }): string {
  return JSON.stringify({
    auths: {
      [entry.server]: {
        username: entry.username,
        password: entry.password,
        ...(entry.email ? { email: entry.email } : {}),
        auth: encodeAuthField(entry.username, entry.password),
      },
    },
  });
}

// --- the user's own Docker config (small I/O reader) -----------------------------------------

export interface UserDockerConfig extends ParsedDockerConfig {
  /** The file read, or undefined when there was none. */
  path: string | undefined;
}

export interface UserDockerConfigOptions {
  env?: Readonly<Record<string, string | undefined>>;
  home?: string;
  readFile?: (path: string) => string;
}

/**
 * The Docker CLI's own lookup: `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`, else
 * the legacy `~/.dockercfg`. A missing file is no error: there are simply no credentials.
 */
export function readUserDockerConfig(options: UserDockerConfigOptions = {}): UserDockerConfig {
  const env = options.env ?? process.env;
  const home = options.home ?? homedir();
  const readFile = options.readFile ?? ((path: string) => readFileSync(path, 'utf8'));
  const configDir = env.DOCKER_CONFIG && env.DOCKER_CONFIG !== '' ? env.DOCKER_CONFIG : join(home, '.docker');
  const candidates: { path: string; parse: (text: string, origin: string) => ParsedDockerConfig }[] = [
    { path: join(configDir, 'config.json'), parse: parseDockerConfigJson },
    { path: join(home, '.dockercfg'), parse: parseDockercfg },
  ];
  for (const { path, parse } of candidates) {
    let text: string;
    try {
      text = readFile(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      return { config: {}, warnings: [`${path}: could not be read (${(error as Error).message})`], path };
    }
    return { ...parse(text, path), path };
  }
  return { config: {}, warnings: [], path: undefined };
}

function isEmptyObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;
}
