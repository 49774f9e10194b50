// The credentials a pod's pulls may use: its imagePullSecrets first, then the user's own Docker
// config, exactly as the kubelet unions the pod's secrets keyring with the node's keyring
// (kubelet_pods.go getPullSecretsForPod + credentialprovider/secrets MakeDockerKeyring). Pure:
// Secrets are looked up through a function (the core reads them from its vault).
import type { LocalObjectReference } from '../model';
import type { DockerConfig, PullSecret } from './docker-config';
import { dockerConfigFromSecret } from './docker-config';
import { BasicDockerKeyring, UnionDockerKeyring } from './keyring';
import type { DockerKeyring } from './keyring';
import type { ImageEvent } from './pull-policy';
import { IMAGE_EVENT_REASONS, failedToRetrieveSecretsMessage } from './pull-policy';

export interface PodPullCredentialsInput {
  namespace: string;
  imagePullSecrets: readonly LocalObjectReference[] | undefined;
  /** A Secret of the pod's namespace by name; null/undefined when there is none. */
  getSecret: (namespace: string, name: string) => PullSecret | null | undefined;
  /** The user's Docker config (readUserDockerConfig), the node keyring's counterpart. */
  userConfig?: { config: DockerConfig; path: string | undefined };
}

export interface PodPullCredentials {
  /** Pod secrets first (most specific key first across all of them), then the user's config. */
  keyring: DockerKeyring;
  /** `FailedToRetrieveImagePullSecret` (Warning) when a named Secret is missing: the pull is still tried. */
  events: ImageEvent[];
  /** Secrets that exist but could not be read as registry credentials (Berth's addition; see below). */
  warnings: string[];
}

/**
 * Builds the keyring for one pod. A missing Secret gives the kubelet's warning event and the pull
 * goes on without it. A Secret of another type is ignored, as the kubelet does. A docker-config
 * Secret whose JSON is broken is skipped with a warning — the kubelet instead fails the pull with
 * the JSON error, which hides the real cause behind a parse message.
 */
export function podPullCredentials(input: PodPullCredentialsInput): PodPullCredentials {
  const podKeyring = new BasicDockerKeyring();
  const missing: string[] = [];
  const warnings: string[] = [];
  for (const ref of input.imagePullSecrets ?? []) {
    // Empty names passed old API validation; the kubelet skips them without a warning.
    if (!ref.name) continue;
    const secret = input.getSecret(input.namespace, ref.name);
    if (!secret) {
      missing.push(ref.name);
      continue;
    }
    const origin = `Secret ${input.namespace}/${ref.name}`;
    const parsed = dockerConfigFromSecret(secret, origin);
    if (!parsed) continue;
    warnings.push(...parsed.warnings);
    podKeyring.add(parsed.config, origin);
  }
  const userKeyring = input.userConfig
    ? new BasicDockerKeyring().add(input.userConfig.config, input.userConfig.path ?? 'Docker config')
    : undefined;
  const events: ImageEvent[] =
    missing.length > 0
      ? [{ type: 'Warning', reason: IMAGE_EVENT_REASONS.failedToRetrieveImagePullSecret, message: failedToRetrieveSecretsMessage(missing) }]
      : [];
  return { keyring: new UnionDockerKeyring([podKeyring, userKeyring]), events, warnings };
}
