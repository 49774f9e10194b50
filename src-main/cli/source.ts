// Reads `-f FILE` or `-f -` (standard input) for validate, apply and delete.
import { readFileSync, statSync } from 'node:fs';
import { MAX_YAML_CHARS } from '../api/contract';
import { UsageError } from './format/output';
import type { CliContext } from './context';

export interface ManifestSource {
  fileName: string;
  bytes: Buffer;
}

export async function readManifestSource(ctx: CliContext): Promise<ManifestSource> {
  const path = ctx.options.filename;
  if (!path) throw new UsageError('must specify -f FILE (or -f - to read standard input)');
  if (path === '-') return { fileName: '<stdin>', bytes: Buffer.from(await ctx.io.readStdin(), 'utf8') };
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new UsageError(`${path} is not a file`);
    size = stat.size;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  // Refuse before reading: a huge file must not be loaded only to be rejected.
  if (size > MAX_YAML_CHARS) throw new UsageError(`${path} is ${size} bytes; Berth reads manifests of at most ${MAX_YAML_CHARS} bytes`);
  return { fileName: path, bytes: readFileSync(path) };
}
