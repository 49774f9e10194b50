// The packaged app's Electron fuses: what an attacker with a shell could otherwise turn the signed
// binary into (a Node interpreter, a debug target, a loader of unchecked app code) stays off.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { makeTempDir } from '../../support/temp';
// @ts-expect-error -- a plain .mjs script, no declarations
import { fuseConfig } from '../../../scripts/fuses.mjs';

const config = fuseConfig() as Record<number, boolean> & { strictlyRequireAllFuses: boolean };

test('no Node mode, no NODE_OPTIONS, no inspector; only an integrity-checked asar; encrypted cookies', () => {
  assert.equal(config[FuseV1Options.RunAsNode], false);
  assert.equal(config[FuseV1Options.EnableNodeOptionsEnvironmentVariable], false);
  assert.equal(config[FuseV1Options.EnableNodeCliInspectArguments], false);
  assert.equal(config[FuseV1Options.EnableEmbeddedAsarIntegrityValidation], true);
  assert.equal(config[FuseV1Options.OnlyLoadAppFromAsar], true);
  assert.equal(config[FuseV1Options.EnableCookieEncryption], true);
  assert.equal(config[FuseV1Options.GrantFileProtocolExtraPrivileges], false, 'the app is served on berth://app/, not file:');
});

test('every fuse this @electron/fuses knows is decided, so a new one is a conscious choice', () => {
  assert.equal(config.strictlyRequireAllFuses, true);
  const known = Object.values(FuseV1Options).filter((v): v is number => typeof v === 'number');
  for (const fuse of known) assert.equal(typeof config[fuse], 'boolean', FuseV1Options[fuse]);
});

test('the script flips them into a binary (a stand-in with Electron\'s fuse wire: sentinel, version 1, length, one byte each)', async () => {
  const dir = makeTempDir();
  try {
    const binary = join(dir.path, 'berth');
    const fuses = Object.values(FuseV1Options).filter((v) => typeof v === 'number').length;
    const wire = Buffer.concat([Buffer.from('ELF…'), Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'), Buffer.from([1, fuses]), Buffer.alloc(fuses, 0x31), Buffer.from('…')]);
    writeFileSync(binary, wire);
    const script = fileURLToPath(new URL('../../../scripts/fuses.mjs', import.meta.url));
    const run = spawnSync(process.execPath, [script, binary], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const flipped = (await getCurrentFuseWire(binary)) as unknown as Record<number, number>;
    for (const [fuse, on] of Object.entries(config).filter(([key]) => /^\d+$/.test(key))) {
      assert.equal(flipped[Number(fuse)], on ? 0x31 : 0x30, FuseV1Options[Number(fuse)]);
    }
    assert.equal(readFileSync(binary).length, wire.length, 'only fuse bytes change');
  } finally {
    dir.remove();
  }
});
