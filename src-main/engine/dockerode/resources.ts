// Networks and volumes over dockerode: the engine objects a pod uses besides its containers.
import type Docker from 'dockerode';
import type { EngineKind } from '../endpoint';
import { unlessNotFound } from '../errors';
import type { NetworkCreateOptions, NetworkDetails, VolumeCreateOptions, VolumeDetails } from '../port';
import { dialJson } from './dial';

/** The network and volume half of DockerodeEngine. */
export class DockerodeResources {
  constructor(
    private readonly client: Docker,
    private readonly engineKind: EngineKind,
  ) {}

  async inspectNetwork(name: string): Promise<NetworkDetails | undefined> {
    const info = (await unlessNotFound(this.client.getNetwork(name).inspect(), undefined)) as Docker.NetworkInspectInfo | undefined;
    return info && { id: info.Id, name: info.Name, driver: info.Driver, labels: info.Labels ?? {} };
  }

  async createNetwork(opts: NetworkCreateOptions): Promise<string> {
    const network = await this.client.createNetwork({
      Name: opts.name,
      Driver: 'bridge',
      CheckDuplicate: true,
      Labels: opts.labels ?? {},
    });
    return network.id;
  }

  removeNetwork(name: string): Promise<boolean> {
    return unlessNotFound(this.client.getNetwork(name).remove().then(() => true), false);
  }

  /**
   * Podman only: whether the network resolves container names (the CNI `dnsname` plugin or
   * netavark's aardvark-dns). Undefined when it cannot tell (Docker networks always do).
   */
  networkDnsEnabled(name: string): Promise<boolean | undefined> {
    if (this.engineKind !== 'podman') return Promise.resolve(undefined);
    return dialJson(this.client, `/v4.0.0/libpod/networks/${encodeURIComponent(name)}/json`, { 200: true, 404: 'no such network' }).then(
      (data) => (data as { dns_enabled?: boolean }).dns_enabled ?? undefined,
      () => undefined,
    );
  }

  async inspectVolume(name: string): Promise<VolumeDetails | undefined> {
    const info = await unlessNotFound(this.client.getVolume(name).inspect(), undefined);
    return info && { name: info.Name, labels: info.Labels ?? {}, mountpoint: info.Mountpoint };
  }

  async createVolume(opts: VolumeCreateOptions): Promise<void> {
    await this.client.createVolume({ Name: opts.name, Labels: opts.labels ?? {} });
  }

  removeVolume(name: string): Promise<boolean> {
    return unlessNotFound(this.client.getVolume(name).remove().then(() => true), false);
  }
}
