// The engine network shared by a namespace's pods: user-defined, so the engine's DNS resolves
// the aliases Berth gives sandboxes (Service names).
import type { Engine } from '../engine/engine';
import { engineStatusCode, isNotFound } from '../engine/engine';
import { LABELS, MANAGED_VALUE } from '../engine/labels';

const creating = new Map<string, Promise<void>>();

async function createIfMissing(engine: Engine, name: string, namespace: string): Promise<void> {
  try {
    await engine.docker.getNetwork(name).inspect();
    return;
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  try {
    await engine.docker.createNetwork({
      Name: name,
      Driver: 'bridge',
      CheckDuplicate: true,
      Labels: { [LABELS.managed]: MANAGED_VALUE, [LABELS.podNamespace]: namespace },
    });
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

/** The pod's IP and the host's address as the pod sees it (the network's gateway). */
export function sandboxAddresses(raw: { NetworkSettings?: { Networks?: Record<string, { IPAddress?: string; Gateway?: string }> } }, network: string): { podIP?: string; hostIP?: string } {
  const endpoint = raw.NetworkSettings?.Networks?.[network];
  const result: { podIP?: string; hostIP?: string } = {};
  if (endpoint?.IPAddress) result.podIP = endpoint.IPAddress;
  if (endpoint?.Gateway) result.hostIP = endpoint.Gateway;
  return result;
}
