// Making sure a container's image is there before it is created: pull policy, the pod's
// imagePullSecrets and the user's Docker config, the node's pull back-off, pull progress for the
// UI (the kubelet's imageManager.EnsureImageExists, pkg/kubelet/images/image_manager.go; the
// pulling itself is images/puller.ts).
import type { Container } from '../../model';
import { podPullCredentials } from '../../images/credentials';
import { readUserDockerConfig } from '../../images/docker-config';
import { ensureImage } from '../../images/puller';
import { imageBackOffKey } from '../../images/pull-backoff';
import type { PodContext } from './context';
import type { PodDeps } from './state';

export class ImageEnsurer {
  constructor(private readonly deps: PodDeps) {}

  /**
   * Returns the reference to create the container from, or undefined (the waiting reason is set
   * and a retry scheduled; or the pod is being deleted).
   */
  async ensure(ctx: PodContext, container: Container): Promise<string | undefined> {
    const { engine, host, options, uid, state } = this.deps;
    const { namespace, pod } = ctx;
    const fieldPath = ctx.fieldPathOf(container.name);
    const credentials = podPullCredentials({
      namespace,
      imagePullSecrets: pod.spec.imagePullSecrets,
      getSecret: (ns, name) => {
        const secret = host.objects.secret(ns, name);
        return secret ? { type: secret.type ?? 'Opaque', data: secret.data ?? {} } : null;
      },
      userConfig: readUserDockerConfig({ env: options.env }),
    });
    this.deps.record(credentials.events.map((e) => ctx.event(e.type, e.reason, e.message)));
    const result = await ensureImage({
      engine,
      image: container.image,
      policy: container.imagePullPolicy,
      credentials: credentials.keyring,
      backOff: { tracker: options.imageBackOff, podUid: uid },
      onEvent: (e) => this.deps.record([ctx.event(e.type, e.reason, e.message, fieldPath)]),
      onProgress: (p) =>
        host.pullProgress({
          podUid: uid,
          namespace,
          podName: ctx.name,
          container: container.name,
          image: p.image,
          percent: p.percent ?? null,
          layers: p.layers,
        }),
      signal: state.syncAbort.signal,
    }).catch((error: unknown) => {
      if (state.syncAbort.signal.aborted) return undefined; // the pod is being deleted
      throw error;
    });
    if (!result) return undefined;
    // The last word on a pull, so a progress bar knows it is over (also when it failed).
    const pulled = result.ok ? result.pulled : result.reason === 'ErrImagePull';
    if (pulled) {
      host.pullProgress({
        podUid: uid,
        namespace,
        podName: ctx.name,
        container: container.name,
        image: container.image,
        percent: result.ok ? 100 : null,
        layers: [],
        done: true,
        ...(result.ok ? {} : { error: result.message }),
      });
    }
    if (result.ok) {
      if (state.waiting[container.name]?.reason.includes('Image')) state.clearWaiting(container.name);
      return result.image;
    }
    state.setWaiting(container.name, result.reason, result.message);
    const wait = options.imageBackOff.remainingMs(imageBackOffKey(uid, container.image));
    this.deps.scheduler.retryAt(host.now() + Math.max(wait, 1000));
    return undefined;
  }
}
