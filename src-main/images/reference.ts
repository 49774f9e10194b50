// Image references parsed and normalised the way the kubelet does it: `parsers.ParseImageName`
// (pkg/util/parsers) on top of distribution/reference's `ParseNormalizedNamed`, and the
// kubelet's `applyDefaultImageTag` (pkg/kubelet/images/image_manager.go). Pure: no I/O.
import { goQuote } from '../kube/go-format';

/** Docker Hub's canonical domain, as image names are normalised (`busybox` → `docker.io/library/busybox`). */
export const DOCKER_HUB_DOMAIN = 'docker.io';
/** The legacy Docker Hub domain, still the key credentials for Docker Hub are stored under. */
export const DOCKER_HUB_LEGACY_DOMAIN = 'index.docker.io';
/** Where `docker login` files Docker Hub credentials (and the Docker Engine's auth server address). */
export const DOCKER_HUB_AUTH_KEY = 'https://index.docker.io/v1/';
export const DEFAULT_TAG = 'latest';

const NAME_TOTAL_LENGTH_MAX = 255;

export interface ImageReference {
  /** The image as written in the pod spec. */
  readonly original: string;
  /** Registry host with optional port: `docker.io`, `127.0.0.1:5000`, `localhost`. */
  readonly domain: string;
  /** Repository path inside the registry: `library/busybox`, `private/busybox`. */
  readonly path: string;
  /** `domain/path`: what the kubelet looks credentials up by (its `repoToPull`). */
  readonly name: string;
  /** The tag as written, or `latest` when neither a tag nor a digest was given. */
  readonly tag: string | undefined;
  /** `sha256:<64 hex>` (or another registered algorithm) when the reference has one. */
  readonly digest: string | undefined;
  /**
   * The kubelet's `applyDefaultImageTag`: the reference as written with `:latest` appended when
   * it had no tag and no digest. Events and the runtime see this string, not a fully qualified one.
   */
  readonly withDefaultTag: string;
  /**
   * What to ask the engine to pull: fully qualified, by digest when there is one (a reference
   * with a tag and a digest is pulled by digest, as `ParseDockerRef` does).
   */
  readonly pullRef: string;
}

/** The kubelet's `ErrInvalidImageName`: the container waits with reason `InvalidImageName`. */
export class InvalidImageNameError extends Error {
  override name = 'InvalidImageNameError';
  readonly reason = 'InvalidImageName';

  constructor(
    readonly image: string,
    /** distribution/reference's own words, e.g. `invalid reference format`. */
    readonly detail: string,
  ) {
    // Exactly the kubelet's message (EnsureImageExists → applyDefaultImageTag → ParseImageName).
    super(`Failed to apply default image tag ${goQuote(image)}: couldn't parse image name ${goQuote(image)}: ${detail}`);
  }
}

// --- the grammar (distribution/reference regexp.go, ported verbatim) ---------------------------

const alphanumeric = '[a-z0-9]+';
const separator = '(?:[._]|__|[-]+)';
const domainNameComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const optionalPort = '(?::[0-9]+)?';
const tagPattern = '[\\w][\\w.-]{0,127}';
const digestPattern = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}';
const ipv6address = '\\[(?:[a-fA-F0-9:]+)\\]';
const domainName = `${domainNameComponent}(?:\\.${domainNameComponent})*`;
const host = `(?:${domainName}|${ipv6address})`;
const domainAndPort = host + optionalPort;
const pathComponent = `${alphanumeric}(?:${separator}${alphanumeric})*`;
const remoteName = `${pathComponent}(?:/${pathComponent})*`;
const namePattern = `(?:${domainAndPort}/)?${remoteName}`;

const referenceRegexp = new RegExp(`^(${namePattern})(?::(${tagPattern}))?(?:@(${digestPattern}))?$`);
const anchoredNameRegexp = new RegExp(`^(?:(${domainAndPort})/)?(${remoteName})$`);
const anchoredIdentifierRegexp = /^[a-f0-9]{64}$/;

/** go-digest's registered algorithms and the length of their hex encoding. */
const DIGEST_HEX_LENGTH: ReadonlyMap<string, number> = new Map([
  ['sha256', 64],
  ['sha384', 96],
  ['sha512', 128],
]);

/** Parses an image reference as the kubelet does; throws InvalidImageNameError with its message. */
export function parseImageReference(image: string): ImageReference {
  const parsed = parseNormalizedNamed(image);
  if (typeof parsed === 'string') throw new InvalidImageNameError(image, parsed);
  const { domain, path, tag: writtenTag, digest } = parsed;
  // ParseImageName: "If no tag was specified, use the default "latest"" — only without a digest.
  const tag = writtenTag ?? (digest === undefined ? DEFAULT_TAG : undefined);
  const withDefaultTag =
    digest === undefined && tag !== undefined && !image.endsWith(`:${tag}`) ? `${image}:${tag}` : image;
  const name = `${domain}/${path}`;
  return {
    original: image,
    domain,
    path,
    name,
    tag,
    digest,
    withDefaultTag,
    pullRef: digest !== undefined ? `${name}@${digest}` : `${name}:${tag ?? DEFAULT_TAG}`,
  };
}

/** The reference, or the InvalidImageNameError, without throwing. */
export function tryParseImageReference(image: string): ImageReference | InvalidImageNameError {
  try {
    return parseImageReference(image);
  } catch (error) {
    if (error instanceof InvalidImageNameError) return error;
    throw error;
  }
}

interface NamedParts {
  domain: string;
  path: string;
  tag: string | undefined;
  digest: string | undefined;
}

/** `ParseNormalizedNamed`: the parts, or distribution/reference's error text. */
function parseNormalizedNamed(s: string): NamedParts | string {
  if (anchoredIdentifierRegexp.test(s)) {
    return `invalid repository name (${s}), cannot specify 64-byte hexadecimal strings`;
  }
  const [domain, remainder] = splitDockerDomain(s);
  const tagSeparator = remainder.indexOf(':');
  const remote = tagSeparator > -1 ? remainder.slice(0, tagSeparator) : remainder;
  if (remote.toLowerCase() !== remote) {
    return `invalid reference format: repository name (${remote}) must be lowercase`;
  }
  return parseReference(`${domain}/${remainder}`);
}

/** `splitDockerDomain`: a first component with `.` or `:`, `localhost`, or upper case is a registry. */
function splitDockerDomain(name: string): [string, string] {
  const slash = name.indexOf('/');
  if (slash === -1) return [DOCKER_HUB_DOMAIN, `library/${name}`];
  const maybeDomain = name.slice(0, slash);
  const maybeRemote = name.slice(slash + 1);
  let domain: string;
  let remote: string;
  if (maybeDomain === 'localhost') {
    [domain, remote] = [maybeDomain, maybeRemote];
  } else if (maybeDomain === DOCKER_HUB_LEGACY_DOMAIN) {
    [domain, remote] = [DOCKER_HUB_DOMAIN, maybeRemote];
  } else if (/[.:]/.test(maybeDomain) || maybeDomain.toLowerCase() !== maybeDomain) {
    [domain, remote] = [maybeDomain, maybeRemote];
  } else {
    [domain, remote] = [DOCKER_HUB_DOMAIN, name];
  }
  if (domain === DOCKER_HUB_DOMAIN && !remote.includes('/')) remote = `library/${remote}`;
  return [domain, remote];
}

/** `reference.Parse` on an already-normalised string. */
function parseReference(s: string): NamedParts | string {
  const match = referenceRegexp.exec(s);
  if (!match) {
    if (s === '') return 'repository name must have at least one component';
    if (referenceRegexp.test(s.toLowerCase())) return 'repository name must be lowercase';
    return 'invalid reference format';
  }
  const [, fullName = '', tag, digest] = match;
  if (fullName.length > NAME_TOTAL_LENGTH_MAX) {
    return `repository name must not be more than ${NAME_TOTAL_LENGTH_MAX} characters`;
  }
  if (digest !== undefined) {
    const problem = validateDigest(digest);
    if (problem) return problem;
  }
  const nameMatch = anchoredNameRegexp.exec(fullName);
  return {
    domain: nameMatch?.[1] ?? '',
    path: nameMatch?.[2] ?? fullName,
    tag: tag === undefined || tag === '' ? undefined : tag,
    digest: digest === undefined || digest === '' ? undefined : digest,
  };
}

/** go-digest's `Digest.Validate`, with its error texts. */
function validateDigest(digest: string): string | undefined {
  const colon = digest.indexOf(':');
  const algorithm = digest.slice(0, colon);
  const encoded = digest.slice(colon + 1);
  const hexLength = DIGEST_HEX_LENGTH.get(algorithm);
  if (hexLength === undefined) return 'unsupported digest algorithm';
  if (encoded.length !== hexLength) return 'invalid checksum digest length';
  if (!/^[a-f0-9]+$/.test(encoded)) return 'invalid checksum digest format';
  return undefined;
}
