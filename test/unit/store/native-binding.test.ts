// BERTH_SQLITE_BINDING names a better_sqlite3.node to load instead of the one node_modules ships;
// the store uses it when set and says clearly when it cannot be loaded.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, test } from 'node:test';
import { NativeBindingError, Store } from '../../../src-main/store/index';
import { tempDir } from './helpers';

// better-sqlite3 13 ships its Node-API binaries as prebuilds/<platform>-<arch>.node.
const nodeBuild = fileURLToPath(new URL(`../../../node_modules/better-sqlite3/prebuilds/${process.platform}-${process.arch}.node`, import.meta.url));
const previous = process.env.BERTH_SQLITE_BINDING;
afterEach(() => {
  if (previous === undefined) delete process.env.BERTH_SQLITE_BINDING;
  else process.env.BERTH_SQLITE_BINDING = previous;
});

test('BERTH_SQLITE_BINDING pointing at a build for this runtime opens the store', () => {
  const { dir, cleanup } = tempDir();
  try {
    process.env.BERTH_SQLITE_BINDING = nodeBuild;
    const store = Store.open(join(dir, 'berth.db'));
    assert.ok(store.isOpen);
    assert.ok(store.schemaVersion() > 0);
    store.close();
  } finally {
    cleanup();
  }
});

test('a missing binding is refused, naming the path and the variable', () => {
  const { dir, cleanup } = tempDir();
  try {
    process.env.BERTH_SQLITE_BINDING = join(dir, 'nope', 'better_sqlite3.node');
    assert.throws(
      () => Store.open(join(dir, 'berth.db')),
      (e: Error) => e instanceof NativeBindingError && /BERTH_SQLITE_BINDING/.test(e.message) && e.message.includes(join(dir, 'nope')) && /does not exist/.test(e.message),
    );
  } finally {
    cleanup();
  }
});

test('a file that is not a loadable module is refused, saying what it must be', () => {
  const { dir, cleanup } = tempDir();
  try {
    const bogus = join(dir, 'better_sqlite3.node');
    writeFileSync(bogus, 'not a shared library');
    assert.throws(
      () => Store.open(join(dir, 'berth.db'), { nativeBinding: bogus }),
      (e: Error) => e instanceof NativeBindingError && e.message.includes(bogus) && /built for this runtime \(Node /.test(e.message),
    );
  } finally {
    cleanup();
  }
});
