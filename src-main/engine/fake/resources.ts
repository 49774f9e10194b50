// The FakeEngine's images, networks and volumes: in memory, answering as the engines answer
// (404 for what is not there, 409 for a network name taken, an existing volume is no error).
import { createHash } from 'node:crypto';
import type { EngineKind } from '../endpoint';
import { engineHttpError } from '../errors';
import type {
  ImageDetails,
  NetworkCreateOptions,
  NetworkDetails,
  PullOptions,
  RegistryAuth,
  VolumeCreateOptions,
  VolumeDetails,
} from '../port';

/** An image a fake registry serves; `auth` set: only with these credentials. */
export interface FakeRegistryImage {
  auth?: { username: string; password: string };
  sizeBytes?: number;
}

interface FakeNetwork extends NetworkDetails {
  /** Third octet of its 10.89.x.0/24 subnet. */
  subnet: number;
  nextHost: number;
  dnsEnabled: boolean;
}

export const fakeId = (seed: string): string => createHash('sha256').update(seed).digest('hex');

export class FakeResources {
  private readonly images = new Map<string, ImageDetails>();
  private readonly networks = new Map<string, FakeNetwork>();
  private readonly volumes = new Map<string, VolumeDetails>();
  private subnets = 0;

  constructor(
    private readonly kind: EngineKind,
    images: readonly string[],
    private readonly registry: Readonly<Record<string, FakeRegistryImage>>,
    /** Podman networks without the dnsname plugin resolve no names. */
    private readonly networkDns: boolean,
  ) {
    for (const ref of images) this.addImage(ref);
    // The engine's default network: Docker's `bridge`, Podman's `podman`.
    this.networks.set(this.defaultNetwork, { ...this.network(this.defaultNetwork, {}), subnet: 0 });
  }

  get defaultNetwork(): string {
    return this.kind === 'podman' ? 'podman' : 'bridge';
  }

  addImage(ref: string, sizeBytes = 1_000_000): ImageDetails {
    const image = { id: `sha256:${fakeId(`image:${ref}`)}`, sizeBytes };
    this.images.set(ref, image);
    return image;
  }

  inspectImage(ref: string): ImageDetails | undefined {
    return this.images.get(ref);
  }

  async pullImage(ref: string, auth: RegistryAuth | undefined, options: PullOptions): Promise<void> {
    await Promise.resolve();
    options.signal?.throwIfAborted();
    const served = this.registry[ref];
    if (!served) throw new Error(`manifest for ${ref} not found: manifest unknown: manifest unknown`);
    if (served.auth && (served.auth.username !== auth?.username || served.auth.password !== auth?.password)) {
      throw new Error(auth ? 'unauthorized: authentication required' : 'no basic auth credentials');
    }
    options.onProgress?.({ status: `Pulling from ${ref}`, id: ref.split(':').pop() ?? ref });
    options.onProgress?.({ status: 'Download complete', id: 'layer' });
    this.addImage(ref, served.sizeBytes);
    options.onProgress?.({ status: `Status: Downloaded newer image for ${ref}` });
  }

  // ---- networks --------------------------------------------------------------------------------

  inspectNetwork(name: string): NetworkDetails | undefined {
    const n = this.networks.get(name);
    return n ? { id: n.id, name: n.name, driver: n.driver, labels: { ...n.labels } } : undefined;
  }

  createNetwork(opts: NetworkCreateOptions): string {
    if (this.networks.has(opts.name)) {
      throw this.kind === 'podman'
        ? engineHttpError(500, `network name ${opts.name} already used: network already exists`)
        : engineHttpError(409, `network with name ${opts.name} already exists`);
    }
    const network = this.network(opts.name, opts.labels ?? {});
    this.networks.set(opts.name, network);
    return network.id;
  }

  /** `inUse`: whether running containers are attached (the engines refuse to remove it then). */
  removeNetwork(name: string, inUse: boolean): boolean {
    const network = this.networks.get(name);
    if (!network) return false;
    if (inUse || name === this.defaultNetwork) {
      throw engineHttpError(403, `error while removing network: network ${name} id ${network.id} has active endpoints`);
    }
    this.networks.delete(name);
    return true;
  }

  networkDnsEnabled(name: string): boolean | undefined {
    if (this.kind !== 'podman') return undefined;
    return this.networks.get(name)?.dnsEnabled;
  }

  /** The next address on a network and its gateway; undefined for a network that is not there. */
  allocateAddress(name: string): { ipAddress: string; gateway: string } | undefined {
    const n = this.networks.get(name);
    if (!n) return undefined;
    const prefix = n.subnet === 0 ? (this.kind === 'podman' ? '10.88.0' : '172.17.0') : `10.89.${n.subnet}`;
    return { ipAddress: `${prefix}.${n.nextHost++}`, gateway: `${prefix}.1` };
  }

  hasNetwork(name: string): boolean {
    return this.networks.has(name);
  }

  // ---- volumes ---------------------------------------------------------------------------------

  inspectVolume(name: string): VolumeDetails | undefined {
    const v = this.volumes.get(name);
    return v ? { ...v, labels: { ...v.labels } } : undefined;
  }

  createVolume(opts: VolumeCreateOptions): void {
    if (this.volumes.has(opts.name)) return;
    const root = this.kind === 'podman' ? '/var/lib/containers/storage/volumes' : '/var/lib/docker/volumes';
    this.volumes.set(opts.name, { name: opts.name, labels: { ...opts.labels }, mountpoint: `${root}/${opts.name}/_data` });
  }

  removeVolume(name: string, inUse: boolean): boolean {
    if (!this.volumes.has(name)) return false;
    if (inUse) throw engineHttpError(409, `remove ${name}: volume is in use`);
    this.volumes.delete(name);
    return true;
  }

  private network(name: string, labels: Record<string, string>): FakeNetwork {
    return { id: fakeId(`network:${name}:${this.subnets}`), name, driver: 'bridge', labels: { ...labels }, subnet: ++this.subnets, nextHost: 2, dnsEnabled: this.networkDns };
  }
}
