// `berth secret create docker-registry NAME --docker-server S --docker-username U
// --docker-password P [--docker-email E] [-n NS]`, as kubectl builds it: a
// kubernetes.io/dockerconfigjson Secret whose `.dockerconfigjson` is
// {"auths":{S:{username,password,email?,auth}}}, stored through the API (its data goes to the
// secret vault, never to SQLite). The password is never printed.
import { buildDockerConfigJson, DOCKER_CONFIG_JSON_KEY, DOCKER_CONFIG_JSON_SECRET_TYPE } from '../../images/docker-config';
import { DOCKER_HUB_AUTH_KEY } from '../../images/reference';
import { refuseOptions } from '../args';
import type { CliContext, ExitCode } from '../context';
import { UsageError } from '../format/output';
import { printApplied, reportingRefusal } from './apply';

const USAGE =
  'usage: berth secret create docker-registry NAME --docker-username USER --docker-password PASSWORD ' +
  '[--docker-server SERVER] [--docker-email EMAIL] [-n NAMESPACE]';

export interface DockerRegistrySecretInput {
  name: string;
  namespace?: string;
  server: string;
  username: string;
  password: string;
  email?: string;
}

/** The Secret manifest (JSON, which is YAML too) that kubectl would create. */
export function dockerRegistrySecretManifest(input: DockerRegistrySecretInput): string {
  const dockerConfigJson = buildDockerConfigJson(input);
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: input.name, ...(input.namespace ? { namespace: input.namespace } : {}) },
    type: DOCKER_CONFIG_JSON_SECRET_TYPE,
    data: { [DOCKER_CONFIG_JSON_KEY]: Buffer.from(dockerConfigJson, 'utf8').toString('base64') },
  });
}

export async function secretCommand(ctx: CliContext): Promise<ExitCode> {
  refuseOptions('secret', ctx.options, ['namespace', 'dockerServer', 'dockerUsername', 'dockerPassword', 'dockerEmail']);
  const [verb, kind, name, ...extra] = ctx.words;
  if (verb !== 'create' || kind !== 'docker-registry') throw new UsageError(USAGE);
  if (!name) throw new UsageError(`berth secret create docker-registry needs the name of the secret\n${USAGE}`);
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"\n${USAGE}`);
  const { dockerServer, dockerUsername, dockerPassword, dockerEmail, namespace } = ctx.options;
  if (!dockerUsername || !dockerPassword) {
    // kubectl's words (create_secret_docker.go).
    throw new UsageError('either --from-file or the combination of --docker-username, --docker-password and --docker-server is required');
  }
  const text = dockerRegistrySecretManifest({
    name,
    ...(namespace ? { namespace } : {}),
    server: dockerServer ?? DOCKER_HUB_AUTH_KEY,
    username: dockerUsername,
    password: dockerPassword,
    ...(dockerEmail ? { email: dockerEmail } : {}),
  });
  const fileName = `secret/${name}`;
  return reportingRefusal(ctx.io, fileName, async () => {
    printApplied(ctx.io, await ctx.withApi((api) => api.apply({ fileName, text })));
    return 0;
  });
}
