// Starting the next instance of a container, in the order the kubelet's startContainer does
// (kuberuntime_container.go): back-off bookkeeping, the image, the ContainerSpec (container-spec.ts,
// pure), the termination-log file, create — or adopt one an earlier Berth created — then start,
// garbage-collect older instances and hand over to postStart.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ContainerSpec } from '../../engine/container-spec';
import { engineStatusCode } from '../../engine/engine';
import { LABELS } from '../../engine/labels';
import type { Container } from '../../model';
import { namespaceNetworkName } from '../engine-specs';
import { messages, REASONS } from '../messages';
import { sandboxAddresses } from '../network';
import { backOffKey } from '../restart/backoff';
import { engineRuntimeFor } from '../runtime-class';
import { effectiveState, instancesOf } from '../status/observed';
import { planAttempt, planContainerSpec, restartsBefore, terminationLogPath } from './container-spec';
import type { PodContext } from './context';
import type { ImageEnsurer } from './image';
import type { PodView } from './observer';
import type { PostStartDelivery } from './post-start';
import { RETRY_MS } from './scheduler';
import type { PodDeps } from './state';
import type { VolumeSetup } from './volume-setup';

export class ContainerStarter {
  constructor(
    private readonly deps: PodDeps,
    private readonly images: ImageEnsurer,
    private readonly volumes: VolumeSetup,
    private readonly postStart: PostStartDelivery,
  ) {}

  /** Creates and starts the next instance of a container. False when it did not start. */
  async start(ctx: PodContext, container: Container, view: PodView, sandboxId: string): Promise<boolean> {
    const { engine, host, options, uid } = this.deps;
    const { pod } = ctx;
    const { neverRan, instances, previous, attempt } = planAttempt(instancesOf(view.containers, container.name), () =>
      restartsBefore(host.getPod(uid)?.status ?? {}, container.name),
    );
    const now = host.now();
    if (previous && effectiveState(previous) === 'exited') {
      options.backOff.next(backOffKey(uid, container.name), previous.finishedAt ?? now, now);
    }

    const image = await this.images.ensure(ctx, container);
    if (!image) return false;

    const addresses = view.sandbox ? sandboxAddresses(view.sandbox, namespaceNetworkName(ctx.namespace)) : {};
    const runtimeClass = pod.spec.runtimeClassName ? host.objects.runtimeClass(pod.spec.runtimeClassName) : undefined;
    const logPath = terminationLogPath(host.podDir(uid), container.name, attempt);
    const plan = planContainerSpec({
      pod,
      instance: host.instance,
      identity: ctx.identity,
      container,
      image,
      attempt,
      engine: engine.kind,
      sandboxId,
      env: {
        runtime: { podIPs: addresses.podIP ? [addresses.podIP] : [], hostIPs: addresses.hostIP ? [addresses.hostIP] : [], nodeName: host.node.name },
        nodeAllocatable: options.nodeAllocatable,
        getConfigMap: (ns, name) => host.objects.configMap(ns, name),
        getSecret: (ns, name) => host.objects.secret(ns, name),
        services: host.objects.services(ctx.namespace),
        containerCreatedAt: now,
      },
      mountsFor: (name) => this.volumes.current?.mountsFor(name) ?? [],
      terminationLogPath: logPath,
      runtimeHandler: engineRuntimeFor(runtimeClass?.handler, options.engineInfo),
    });
    if (plan.warnings.length) {
      this.deps.record(plan.warnings.map((w) => ctx.containerEvent('Warning', REASONS.invalidEnvironmentVariableNames, w, container.name)));
    }
    if (!plan.ok) return this.createFailed(ctx, container, plan.reason, plan.message, now);
    mkdirSync(join(logPath, '..'), { recursive: true, mode: 0o755 });
    writeFileSync(logPath, '');
    chmodSync(logPath, 0o666); // any user in the container may write its termination message

    if (neverRan) await engine.removeContainer(neverRan.engineId, { force: true });
    const id = await this.createOrAdopt(ctx, container, plan.spec, now);
    if (!id) return false;
    if (!(await this.startCreated(ctx, container, id))) return false;
    // Keep the newest exited instance (lastState, logs --previous); older ones go.
    for (const old of instances.slice(1)) await engine.removeContainer(old.engineId, { force: true });
    if (container.lifecycle?.postStart) return this.postStart.run(ctx, container, id);
    return true;
  }

  /** A container that could not be created: its waiting reason, a Failed event, a retry. */
  private createFailed(ctx: PodContext, container: Container, reason: 'CreateContainerConfigError' | 'CreateContainerError', message: string, now: number): false {
    this.deps.state.setWaiting(container.name, reason, message);
    this.deps.record([ctx.containerEvent('Warning', REASONS.failed, messages.createError(message), container.name)]);
    this.deps.scheduler.retryAt(now + RETRY_MS);
    return false;
  }

  private async createOrAdopt(ctx: PodContext, container: Container, spec: ContainerSpec, now: number): Promise<string | undefined> {
    const { engine, uid } = this.deps;
    let id: string;
    try {
      id = await engine.createContainer(spec);
    } catch (error) {
      if (engineStatusCode(error) !== 409) {
        this.createFailed(ctx, container, 'CreateContainerError', (error as Error).message, now);
        return undefined;
      }
      // Created by an earlier run of Berth that died before it could start it: adopt it.
      const existing = (await engine.listContainers({ labels: { [LABELS.podUid]: uid }, all: true })).find((c) => c.name === spec.name);
      if (!existing) throw error;
      id = existing.id;
    }
    this.deps.state.engineChanged = true;
    this.deps.record([ctx.containerEvent('Normal', REASONS.created, messages.created(container.name), container.name)]);
    return id;
  }

  private async startCreated(ctx: PodContext, container: Container, id: string): Promise<boolean> {
    const { engine, state } = this.deps;
    try {
      await engine.startContainer(id);
    } catch (error) {
      state.clearWaiting(container.name);
      state.startFailures.set(id, (error as Error).message);
      this.deps.record([ctx.containerEvent('Warning', REASONS.failed, messages.createError(`failed to start container "${container.name}": ${(error as Error).message}`), container.name)]);
      return false;
    }
    state.clearWaiting(container.name);
    this.deps.record([ctx.containerEvent('Normal', REASONS.started, messages.started(container.name), container.name)]);
    return true;
  }
}
