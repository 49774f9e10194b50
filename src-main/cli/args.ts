// Parses the command line: global options anywhere (as kubectl allows), then the command words.
import { parseArgs } from 'node:util';
import { UsageError } from './format/output';

export interface CliOptions {
  dataDir?: string;
  engine?: string;
  namespace?: string;
  allNamespaces: boolean;
  output?: string;
  filename?: string;
  pod?: string;
  gracePeriod?: string;
  wait: boolean;
  stopPodsOnExit: boolean;
  container?: string;
  previous: boolean;
  follow: boolean;
  tail?: string;
  timestamps: boolean;
  timeout?: string;
  allowPrivileged: boolean;
  dockerServer?: string;
  dockerUsername?: string;
  dockerPassword?: string;
  dockerEmail?: string;
  passwordStdin: boolean;
  apiPort?: string;
  merge: boolean;
  help: boolean;
}

export interface ParsedCommandLine {
  words: string[];
  options: CliOptions;
}

const optionSpec = {
  'data-dir': { type: 'string' },
  engine: { type: 'string' },
  namespace: { type: 'string', short: 'n' },
  'all-namespaces': { type: 'boolean', short: 'A' },
  output: { type: 'string', short: 'o' },
  filename: { type: 'string', short: 'f' },
  pod: { type: 'string' },
  'grace-period': { type: 'string' },
  wait: { type: 'boolean' },
  'stop-pods-on-exit': { type: 'boolean' },
  container: { type: 'string', short: 'c' },
  previous: { type: 'boolean', short: 'p' },
  follow: { type: 'boolean' },
  tail: { type: 'string' },
  timestamps: { type: 'boolean' },
  timeout: { type: 'string' },
  'allow-privileged': { type: 'boolean' },
  'docker-server': { type: 'string' },
  'docker-username': { type: 'string' },
  'docker-password': { type: 'string' },
  'docker-email': { type: 'string' },
  'password-stdin': { type: 'boolean' },
  'api-port': { type: 'string' },
  merge: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** kubectl's `-f` means --filename everywhere except `logs`, where it means --follow. */
function followShorthand(argv: string[]): string[] {
  const firstWord = argv.find((a) => !a.startsWith('-'));
  return firstWord === 'logs' ? argv.map((a) => (a === '-f' ? '--follow' : a)) : argv;
}

export function parseCommandLine(argv: string[]): ParsedCommandLine {
  let parsed;
  try {
    parsed = parseArgs({ args: followShorthand(argv), options: optionSpec, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/^.*?: /, '').replace(/\. To specify a positional.*$/, ''));
  }
  const v = parsed.values;
  return {
    words: parsed.positionals,
    options: {
      dataDir: v['data-dir'],
      engine: v.engine,
      namespace: v.namespace,
      allNamespaces: v['all-namespaces'] ?? false,
      output: v.output,
      filename: v.filename,
      pod: v.pod,
      gracePeriod: v['grace-period'],
      wait: v.wait ?? false,
      stopPodsOnExit: v['stop-pods-on-exit'] ?? false,
      container: v.container,
      previous: v.previous ?? false,
      follow: v.follow ?? false,
      tail: v.tail,
      timestamps: v.timestamps ?? false,
      timeout: v.timeout,
      allowPrivileged: v['allow-privileged'] ?? false,
      dockerServer: v['docker-server'],
      dockerUsername: v['docker-username'],
      dockerPassword: v['docker-password'],
      dockerEmail: v['docker-email'],
      passwordStdin: v['password-stdin'] ?? false,
      apiPort: v['api-port'],
      merge: v.merge ?? false,
      help: v.help ?? false,
    },
  };
}

/** Options a command does not take are refused rather than silently ignored. */
export function refuseOptions(command: string, options: CliOptions, accepted: (keyof CliOptions)[]): void {
  const global: (keyof CliOptions)[] = ['dataDir', 'engine', 'help'];
  const flagName: Record<keyof CliOptions, string> = {
    dataDir: '--data-dir',
    engine: '--engine',
    namespace: '--namespace',
    allNamespaces: '--all-namespaces',
    output: '--output',
    filename: '--filename',
    pod: '--pod',
    gracePeriod: '--grace-period',
    wait: '--wait',
    stopPodsOnExit: '--stop-pods-on-exit',
    container: '--container',
    previous: '--previous',
    follow: '--follow',
    tail: '--tail',
    timestamps: '--timestamps',
    timeout: '--timeout',
    allowPrivileged: '--allow-privileged',
    dockerServer: '--docker-server',
    dockerUsername: '--docker-username',
    dockerPassword: '--docker-password',
    dockerEmail: '--docker-email',
    passwordStdin: '--password-stdin',
    apiPort: '--api-port',
    merge: '--merge',
    help: '--help',
  };
  for (const key of Object.keys(options) as (keyof CliOptions)[]) {
    const value = options[key];
    const given = value !== undefined && value !== false;
    if (given && !global.includes(key) && !accepted.includes(key)) {
      throw new UsageError(`berth ${command} does not take ${flagName[key]}`);
    }
  }
}

export function parseEngineChoice(value: string | undefined): 'docker' | 'podman' | 'auto' {
  const choice = value ?? 'auto';
  if (choice === 'docker' || choice === 'podman' || choice === 'auto') return choice;
  throw new UsageError(`--engine must be docker, podman or auto, not "${choice}"`);
}

export function parseGracePeriod(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--grace-period must be a whole number of seconds, not "${value}"`);
  return Number(value);
}

/** kubectl-style durations: `90s`, `5m`, `1h`, `1m30s`, or plain seconds. */
export function parseDurationMs(value: string | undefined, fallbackMs: number): number {
  if (value === undefined) return fallbackMs;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const match = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(value);
  if (!match || value === '') throw new UsageError(`--timeout must be a duration like 90s, 5m or 1h, not "${value}"`);
  const [, h = '0', m = '0', s = '0'] = match;
  return ((Number(h) * 60 + Number(m)) * 60 + Number(s)) * 1000;
}

export function parseTail(value: string | undefined): number | undefined {
  if (value === undefined || value === '-1') return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--tail must be a number of lines, not "${value}"`);
  return Number(value);
}
