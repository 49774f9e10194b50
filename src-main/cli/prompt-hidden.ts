// Reads a line from the terminal without echoing it (a password), as `docker login` prompts.
import { createInterface } from 'node:readline';
import { UsageError } from './format/output';

export function promptHidden(prompt: string, input: NodeJS.ReadStream = process.stdin, output: NodeJS.WriteStream = process.stderr): Promise<string> {
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input, output, terminal: true });
    output.write(prompt);
    // readline echoes typed keys through _writeToOutput: silence it for this question.
    (rl as unknown as { _writeToOutput: (text: string) => void })._writeToOutput = () => {};
    rl.question('', (answer) => {
      rl.close();
      output.write('\n');
      resolve(answer);
    });
    rl.once('SIGINT', () => {
      rl.close();
      output.write('\n');
      reject(new UsageError('interrupted'));
    });
  });
}
