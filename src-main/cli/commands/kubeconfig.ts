// `berth kubeconfig`: prints the kubeconfig the controller wrote for its Kubernetes API;
// `--merge` adds (or updates) the `berth` cluster, user and context in the user's kubeconfig.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { kubeconfigPath, readKubeconfig } from '../../kube-apiserver/host';
import { KUBECONFIG_NAME, kubeconfigInputFrom, mergeKubeconfig, mergeTarget } from '../../kube-apiserver/kubeconfig';
import { writeOwnerOnly } from '../../kube-apiserver/tls/material';
import { refuseOptions } from '../args';
import type { CliContext, ExitCode } from '../context';
import { UsageError } from '../format/output';

export async function kubeconfigCommand(ctx: CliContext): Promise<ExitCode> {
  refuseOptions('kubeconfig', ctx.options, ['merge']);
  if (ctx.words.length) throw new UsageError(`unexpected arguments: ${ctx.words.join(' ')}`);
  const text = readKubeconfig(ctx.dataDir);
  if (text === undefined) {
    throw new Error(`there is no kubeconfig yet (${kubeconfigPath(ctx.dataDir)}): start \`berth serve\` or the app once, then run this again`);
  }
  if (!ctx.options.merge) {
    ctx.io.stdout(text);
    return 0;
  }
  const target = mergeTarget(ctx.io.env, ctx.io.env.HOME || homedir(), delimiter, join);
  const existing = existsSync(target) ? readFileSync(target, 'utf8') : undefined;
  const merged = mergeKubeconfig(existing, kubeconfigInputFrom(text, kubeconfigPath(ctx.dataDir)), target);
  mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
  writeOwnerOnly(target, merged.text);
  if (merged.switched) {
    ctx.io.stdout(`Added the "${KUBECONFIG_NAME}" context to ${target} and made it the current context.\n`);
  } else {
    ctx.io.stdout(
      `Added the "${KUBECONFIG_NAME}" context to ${target}; the current context is still "${merged.currentContext}".\n` +
        `Switch with: kubectl config use-context ${KUBECONFIG_NAME}   (or use --context ${KUBECONFIG_NAME})\n`,
    );
  }
  return 0;
}
