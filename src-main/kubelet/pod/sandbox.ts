// Creating the pod's sandbox: the container holding its network namespace and published ports, on
// the namespace's network, with the RuntimeClass's handler (the kubelet's createPodSandbox,
// kuberuntime_sandbox.go, and its RuntimeClass check). A failure that may pass is retried after
// RETRY_MS whatever wakes the worker; one that cannot (no such handler) fails the pod.
import { RuntimeNotHonouredError } from '../../engine/engine';
import { namespaceNetworkName, sandboxSpec } from '../engine-specs';
import { podHostnameAndDomain } from '../environment';
import { messages, REASONS } from '../messages';
import { ensureNamespaceNetwork, podmanNetworkDnsEnabled, serviceDnsUnavailableMessage } from '../network';
import { engineRuntimeFor, runtimeHandlerProblem } from '../runtime-class';
import type { PodContext } from './context';
import { collectGarbage } from './garbage';
import { RETRY_MS } from './scheduler';
import type { PodDeps } from './state';
import type { StatusPublisher } from './status';

/**
 * Sandbox images known to be on an engine (`address|image`): every pod needs the same one, so it
 * is looked up once, not once per pod. Forgotten when a sandbox cannot be created, so an image
 * removed meanwhile is pulled again.
 */
const sandboxImagesPresent = new Set<string>();

export class SandboxCreator {
  /** After a failed sandbox creation, none is tried again before this (epoch ms), whatever wakes the worker. */
  private retryAt = 0;

  constructor(
    private readonly deps: PodDeps,
    private readonly status: StatusPublisher,
  ) {}

  /** Whether a creation may be tried now (engine events must not turn a failure into a hot loop). */
  mayTry(now: number): boolean {
    return now >= this.retryAt;
  }

  /** Creates and starts the sandbox; its id, or undefined (events recorded, a retry scheduled or the pod failed). */
  async create(ctx: PodContext): Promise<string | undefined> {
    const { engine, host, options } = this.deps;
    const { pod, namespace } = ctx;
    const runtimeClassName = pod.spec.runtimeClassName;
    let handler: string | undefined;
    if (runtimeClassName) {
      const runtimeClass = host.objects.runtimeClass(runtimeClassName);
      handler = runtimeClass ? engineRuntimeFor(runtimeClass.handler, options.engineInfo) : undefined;
      const problem = runtimeClass ? runtimeHandlerProblem(runtimeClass.handler, options.engineInfo) : `RuntimeClass "${runtimeClassName}" not found`;
      if (problem) {
        this.deps.record([ctx.event('Warning', REASONS.failedCreatePodSandBox, messages.failedCreateSandbox(problem))]);
        this.status.failPod(REASONS.failedCreatePodSandBox, problem);
        return undefined;
      }
    }
    let created: string | undefined;
    try {
      const imageKey = `${engine.address}|${host.sandboxImage}`;
      if (!sandboxImagesPresent.has(imageKey)) {
        if (!(await engine.imageExists(host.sandboxImage))) await engine.pullImage(host.sandboxImage);
        sandboxImagesPresent.add(imageKey);
      }
      const network = namespaceNetworkName(namespace);
      await ensureNamespaceNetwork(engine, network, namespace);
      if (host.objects.services(namespace).length > 0 && (await podmanNetworkDnsEnabled(engine, network)) === false) {
        this.deps.record([ctx.event('Warning', 'ServiceDNSUnavailable', serviceDnsUnavailableMessage(network))]);
      }
      const { hostname } = podHostnameAndDomain(pod);
      const labels = pod.metadata.labels ?? {};
      const aliases = host.objects
        .services(namespace)
        .map(({ service }) => service)
        .filter((svc) => {
          const selector = svc.spec?.selector ?? {};
          return Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels[k] === v);
        })
        .map((svc) => svc.metadata.name);
      const spec = sandboxSpec({
        pod,
        instance: host.instance,
        identity: ctx.identity,
        generation: host.now(),
        image: host.sandboxImage,
        hostname,
        serviceAliases: aliases,
        ...(handler ? { runtimeHandler: handler } : {}),
      });
      created = await engine.createContainer(spec);
      await engine.startContainer(created);
      return created;
    } catch (error) {
      const message = (error as Error).message;
      // A sandbox that was made but could not start is no use: it goes now, not at the next sync.
      if (created) await collectGarbage(this.deps, [created]);
      sandboxImagesPresent.delete(`${engine.address}|${host.sandboxImage}`);
      this.deps.record([ctx.event('Warning', REASONS.failedCreatePodSandBox, messages.failedCreateSandbox(message))]);
      if (error instanceof RuntimeNotHonouredError) this.status.failPod(REASONS.failedCreatePodSandBox, message);
      else {
        this.retryAt = host.now() + RETRY_MS;
        this.deps.scheduler.retryAt(this.retryAt);
      }
      return undefined;
    }
  }
}
