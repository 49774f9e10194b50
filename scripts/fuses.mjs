#!/usr/bin/env node
// Flips the Electron fuses of packaging/fuses.json into a packaged Berth's Electron binary: no
// ELECTRON_RUN_AS_NODE, no NODE_OPTIONS, no --inspect, the app only from an integrity-checked
// app.asar, encrypted cookies, and file: without the extra privileges (the app is served on
// berth://app/). Run it on the packaged executable, before signing:
//   npm run fuses -- dist/linux-unpacked/berth
// The asar-only fuses need a package whose app.asar carries its integrity hash (electron-builder
// and Electron Forge write it); better-sqlite3's .node file must be unpacked from the asar.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { flipFuses, FuseV1Options, FuseVersion } from '@electron/fuses';

/** packaging/fuses.json as @electron/fuses' config; every fuse this version knows must be set. */
export function fuseConfig(file = new URL('../packaging/fuses.json', import.meta.url)) {
  const wanted = JSON.parse(readFileSync(file, 'utf8'));
  const config = { version: FuseVersion.V1, strictlyRequireAllFuses: true };
  for (const [name, value] of Object.entries(wanted)) {
    if (name.startsWith('$')) continue;
    if (!(name in FuseV1Options) || typeof value !== 'boolean') throw new Error(`packaging/fuses.json: ${name} is not a fuse, or not true/false`);
    config[FuseV1Options[name]] = value;
  }
  return config;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const binary = process.argv[2];
  if (!binary) {
    console.error('usage: node scripts/fuses.mjs <path to the packaged Electron executable>');
    process.exit(2);
  }
  await flipFuses(binary, fuseConfig());
  console.log(`fuses: ${binary} flipped as packaging/fuses.json says`);
}
