// Shared helpers for the store tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventInput } from '../../../src-main/model';
import { Store, type StoreOptions } from '../../../src-main/store/index';

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'berth-store-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A store in a fresh temp dir; `done()` closes it and removes the dir. */
export function tempStore(options?: StoreOptions): { store: Store; file: string; dir: string; done: () => void } {
  const { dir, cleanup } = tempDir();
  const file = join(dir, 'state', 'berth.db');
  const store = Store.open(file, options);
  return {
    store,
    file,
    dir,
    done: () => {
      store.close();
      cleanup();
    },
  };
}

export function podEvent(over: Partial<EventInput> & { name?: string; uid?: string; fieldPath?: string } = {}): EventInput {
  const { name = 'web', uid = 'uid-web', fieldPath, ...rest } = over;
  const involvedObject: EventInput['involvedObject'] = { kind: 'Pod', namespace: 'default', name, uid };
  if (fieldPath !== undefined) involvedObject.fieldPath = fieldPath;
  return {
    involvedObject,
    type: 'Normal',
    reason: 'Pulled',
    message: 'Container image "nginx" already present on machine',
    source: { component: 'kubelet', host: 'berth' },
    timestamp: 1_000,
    ...rest,
  };
}
