// The engine network shared by a namespace's pods: user-defined, so the engine's DNS resolves
// the aliases Berth gives sandboxes (Service names).
import type { Engine } from '../engine/engine';
import type { ContainerDetails } from '../engine/container-spec';
import { engineStatusCode } from '../engine/engine';
import { LABELS, MANAGED_VALUE } from '../engine/labels';

const creating = new Map<string, Promise<void>>();

async function createIfMissing(engine: Engine, name: string, namespace: string): Promise<void> {
  if (await engine.inspectNetwork(name)) return;
  try {
    await engine.createNetwork({ name, labels: { [LABELS.managed]: MANAGED_VALUE, [LABELS.podNamespace]: namespace } });
  } catch (error) {
    if (engineStatusCode(error) !== 409) throw error; // someone else created it meanwhile
  }
}

/** Creates the network once, even when many pods of the namespace start at the same moment. */
export function ensureNamespaceNetwork(engine: Engine, name: string, namespace: string): Promise<void> {
  const key = `${engine.address}|${name}`;
  let pending = creating.get(key);
  if (!pending) {
    pending = createIfMissing(engine, name, namespace).finally(() => creating.delete(key));
    creating.set(key, pending);
  }
  return pending;
}

/**
 * Removes a namespace's network once its last pod is gone, so networks do not pile up on the
 * engine (each takes an address pool, and engines have few: about 30 by default on Docker). Best
 * effort: a network still in use (a pod being created meanwhile) stays, and is reused or removed
 * with the next pod.
 */
export async function removeNamespaceNetwork(engine: Engine, name: string): Promise<void> {
  await engine.removeNetwork(name).catch(() => undefined);
}

/** The pod's IP and the host's address as the pod sees it (the network's gateway). */
export function sandboxAddresses(sandbox: Pick<ContainerDetails, 'networks'>, network: string): { podIP?: string; hostIP?: string } {
  const endpoint = sandbox.networks[network];
  const result: { podIP?: string; hostIP?: string } = {};
  if (endpoint?.ipAddress) result.podIP = endpoint.ipAddress;
  if (endpoint?.gateway) result.hostIP = endpoint.gateway;
  return result;
}

/**
 * Podman only: whether the network resolves container names (the CNI `dnsname` plugin or
 * netavark's aardvark-dns). Undefined when it cannot tell (Docker networks always do).
 */
export async function podmanNetworkDnsEnabled(engine: Engine, name: string): Promise<boolean | undefined> {
  if (engine.kind !== 'podman') return undefined;
  return engine.networkDnsEnabled(name);
}

export function serviceDnsUnavailableMessage(network: string): string {
  return (
    `Service names will not resolve in this pod: Podman's network "${network}" has DNS disabled. ` +
    'Install the CNI dnsname plugin (Debian/Ubuntu: golang-github-containernetworking-plugin-dnsname) or use netavark with aardvark-dns, ' +
    `then remove the network (podman network rm ${network}) so that Berth creates it again`
  );
}
