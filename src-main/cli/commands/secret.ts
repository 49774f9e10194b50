// `berth secret create docker-registry NAME --docker-server S --docker-username U
// --docker-password P [--docker-email E] [-n NS]`, as kubectl builds it: a
// kubernetes.io/dockerconfigjson Secret whose `.dockerconfigjson` is
// {"auths":{S:{username,password,email?,auth}}}, stored through the API (its data goes to the
// secret vault, never to SQLite). The password is never printed; --password-stdin (as `docker
// login` has it) or the prompt on a terminal keep it out of the process list.
import { buildDockerConfigJson, DOCKER_CONFIG_JSON_KEY, DOCKER_CONFIG_JSON_SECRET_TYPE } from '../../images/docker-config';
import { DOCKER_HUB_AUTH_KEY } from '../../images/reference';
import { refuseOptions } from '../args';
import type { CliContext, ExitCode } from '../context';
import { UsageError } from '../format/output';
import { printApplied, reportingRefusal } from './apply';

const USAGE =
  'usage: berth secret create docker-registry NAME --docker-username USER [--docker-password PASSWORD | --password-stdin] ' +
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

/** From --docker-password, stdin (--password-stdin), or a prompt when stdin is a terminal. */
async function passwordOf(ctx: CliContext): Promise<string | undefined> {
  const { dockerPassword, passwordStdin } = ctx.options;
  if (passwordStdin && dockerPassword !== undefined) throw new UsageError('--docker-password and --password-stdin are mutually exclusive');
  // docker login's trim: one final newline (and a carriage return before it) is not part of it.
  if (passwordStdin) return (await ctx.io.readStdin()).replace(/\n$/, '').replace(/\r$/, '');
  if (dockerPassword !== undefined) return dockerPassword;
  return ctx.io.promptSecret?.('Password: ');
}

export async function secretCommand(ctx: CliContext): Promise<ExitCode> {
  refuseOptions('secret', ctx.options, ['namespace', 'dockerServer', 'dockerUsername', 'dockerPassword', 'dockerEmail', 'passwordStdin']);
  const [verb, kind, name, ...extra] = ctx.words;
  if (verb !== 'create' || kind !== 'docker-registry') throw new UsageError(USAGE);
  if (!name) throw new UsageError(`berth secret create docker-registry needs the name of the secret\n${USAGE}`);
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"\n${USAGE}`);
  const { dockerServer, dockerUsername, dockerEmail, namespace } = ctx.options;
  const dockerPassword = dockerUsername ? await passwordOf(ctx) : undefined;
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
