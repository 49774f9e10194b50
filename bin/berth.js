#!/usr/bin/env node
// The `berth` command: the built CLI bundle (npm run build writes out/main/cli.js).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = fileURLToPath(new URL('../out/main/cli.js', import.meta.url));
if (!existsSync(bundle)) {
  process.stderr.write('berth: the CLI is not built yet; run `npm run build` first\n');
  process.exit(2);
}
await import(bundle);
