// Entry point of the `berth` command (bundled to out/main/cli.js; bin/berth.js loads it).
import { promptHidden } from './prompt-hidden';
import { runCli } from './run';

function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on('data', (chunk: Buffer) => chunks.push(chunk));
    process.stdin.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.once('error', reject);
  });
}

const code = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readStdin,
  env: process.env,
  now: Date.now,
  isTerminal: Boolean(process.stdout.isTTY),
  ...(process.stdin.isTTY ? { promptSecret: (prompt: string) => promptHidden(prompt) } : {}),
});
// Exit once the output is flushed: an in-process core can leave handles open (an engine event
// stream, a long-poll on a container), which would keep a finished command alive. `serve` only
// returns at shutdown, after closing its core, so exiting then is right too.
process.exitCode = code;
process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
