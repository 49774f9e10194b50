// The `berth` command: routes the command words to their handler, maps failures to exit codes
// (0 ok, 1 the operation failed, 2 the command line was wrong).
import { defaultDataDir } from '../api/data-dir';
import { ApiError } from '../api/errors';
import { parseCommandLine, parseEngineChoice } from './args';
import type { CliContext, CliIo, ExitCode } from './context';
import { UsageError } from './format/output';
import { openApiSession } from './session';
import { applyCommand } from './commands/apply';
import { deleteCommand } from './commands/delete';
import { engineCommand } from './commands/engine';
import { eventsCommand } from './commands/events';
import { getCommand } from './commands/get';
import { serveCommand } from './commands/serve';
import { validateCommand } from './commands/validate';
import { describeCommand } from './commands/describe';
import { hooksCommand } from './commands/hooks';
import { logsCommand } from './commands/logs';
import { secretCommand } from './commands/secret';
import { kubeconfigCommand } from './commands/kubeconfig';

declare const __BERTH_VERSION__: string | undefined;
export const VERSION = typeof __BERTH_VERSION__ === 'string' ? __BERTH_VERSION__ : '0.1.0-dev';

const commands: Record<string, { run: (ctx: CliContext) => Promise<ExitCode>; summary: string }> = {
  validate: { run: validateCommand, summary: 'validate -f FILE|-                              check Pod YAML; errors name file:line:column and field' },
  apply: {
    run: applyCommand,
    summary: 'apply -f FILE|- [--wait [--timeout 5m]] [--allow-privileged]\n                                                  store the objects of a YAML file (all or nothing)',
  },
  get: { run: getCommand, summary: 'get pods [NAME] [-o json|yaml|wide] [-n NS|-A]   list pods as kubectl does' },
  describe: { run: describeCommand, summary: 'describe pod NAME [-n NS]                       kubectl describe, with each hook\'s last run' },
  logs: { run: logsCommand, summary: 'logs POD [-c NAME] [-p] [-f] [--tail N]          a container\'s log (-p: the previous instance)' },
  events: { run: eventsCommand, summary: 'events [--pod NAME] [-o json|yaml] [-n NS|-A]   lifecycle events, aggregated' },
  hooks: { run: hooksCommand, summary: 'hooks POD [-o json|yaml]                        every lifecycle hook run, with output' },
  secret: { run: secretCommand, summary: 'secret create docker-registry NAME --docker-server S --docker-username U [--docker-password P | --password-stdin]' },
  delete: { run: deleteCommand, summary: 'delete pod NAME | -f FILE [--grace-period N] [--wait]   stop and remove pods' },
  engine: { run: engineCommand, summary: 'engine [-o json|yaml]                           the container engine in use: kind, version, socket' },
  serve: {
    run: serveCommand,
    summary: 'serve [--stop-pods-on-exit] [--api-port N]     run the controller in the foreground, with the Kubernetes\n                                                  API on https://127.0.0.1:N (default 16443; env BERTH_API_PORT)',
  },
  kubeconfig: {
    run: kubeconfigCommand,
    summary: 'kubeconfig [--merge]                            print the kubeconfig for kubectl; --merge adds a "berth"\n                                                  context to $KUBECONFIG or ~/.kube/config',
  },
};

export function helpText(): string {
  return [
    'berth — run Kubernetes Pod YAML on Docker or Podman with the kubelet\'s lifecycle',
    '',
    'Usage: berth COMMAND [options]',
    '',
    'Commands:',
    ...Object.values(commands).map((c) => `  ${c.summary}`),
    '  version                      print the version',
    '',
    'Pod Security:',
    '  apply refuses a pod that breaks the Pod Security "baseline" policy (privileged containers,',
    '  hostPath volumes, host namespaces or ports, added capabilities, unconfined profiles, unsafe',
    '  sysctls…) unless --allow-privileged is given; validate lists each violation as a warning.',
    '',
    'Global options:',
    '  --data-dir DIR               where the database and secrets live (env BERTH_DATA_DIR;',
    `                               default ${defaultDataDir()})`,
    '  --engine docker|podman|auto  which engine (env BERTH_ENGINE; DOCKER_HOST is respected)',
    '  -h, --help                   this help',
    '',
  ].join('\n');
}

export async function runCli(argv: string[], io: CliIo): Promise<ExitCode> {
  try {
    const { words, options } = parseCommandLine(argv);
    const [commandName, ...rest] = words;
    if (options.help || !commandName || commandName === 'help') {
      io.stdout(helpText());
      return commandName || options.help ? 0 : 2;
    }
    if (commandName === 'version') {
      io.stdout(`berth ${VERSION}\n`);
      return 0;
    }
    const command = commands[commandName];
    if (!command) throw new UsageError(`unknown command "${commandName}"`);
    const dataDir = options.dataDir ?? io.env.BERTH_DATA_DIR ?? defaultDataDir(io.env);
    const engine = parseEngineChoice(options.engine ?? io.env.BERTH_ENGINE);
    const ctx: CliContext = {
      words: rest,
      options,
      io,
      dataDir,
      engine,
      async withApi(fn, sessionOptions) {
        const session = await openApiSession(dataDir, engine, io.env, { ...sessionOptions, log: (m) => io.stderr(`berth: ${m}\n`) });
        try {
          return await fn(session.api, session.via, session);
        } finally {
          await session.close();
        }
      },
    };
    return await command.run(ctx);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`error: ${error.message}\nSee 'berth --help'.\n`);
      return 2;
    }
    if (error instanceof ApiError) {
      io.stderr(`Error: ${error.message}\n`);
      return 1;
    }
    io.stderr(`Error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
