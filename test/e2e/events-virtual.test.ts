// The Events screen with 100 000 events in the store: it shows the newest first at once, keeps
// only a window of rows in the DOM, fetches older pages as you scroll, reaches the very first
// event, filters by type, and takes live events in at the top.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { seedSyntheticEvents, syntheticEvent } from '../support/synthetic-events';
import { dockerPodEnv, eventually, openApp, type AppHarness } from './app-harness';

const TOTAL = 100_000;

describe('Events screen with 100 000 events (Chromium + real core)', () => {
  let app: AppHarness;

  before(async () => {
    // Docker named explicitly (no pods run): the sidebar shows the engine in the screenshots.
    app = await openApp({ engine: 'docker', env: dockerPodEnv }, 'berth-e2e-events-');
    seedSyntheticEvents(app.core.store, 1, TOTAL, Date.now() - TOTAL * 10);
    assert.equal(app.core.store.countEvents(), TOTAL);
  });

  after(async () => {
    await app?.close();
  });

  const rows = () => app.page.getByRole('table', { name: 'Events' }).locator('[role="row"][data-event-id]');
  const viewport = () => app.page.getByRole('rowgroup', { name: 'Event rows' });

  test('the newest events show first, and only a window of rows is in the DOM', async () => {
    await app.go('Events');
    await rows().first().waitFor();
    assert.match(await rows().first().innerText(), /synthetic event #100000/);
    const count = await rows().count();
    assert.ok(count > 10 && count < 200, `${count} row elements`);
    await app.shot('20-events');
    await app.page.emulateMedia({ colorScheme: 'dark' });
    await app.shot('21-events-dark');
    await app.page.emulateMedia({ colorScheme: 'light' });
  });

  test('scrolling to the end loads older pages until the very first event shows', async () => {
    const started = Date.now();
    const status = app.page.getByRole('status').filter({ hasText: / events?/ });
    await eventually(
      'all 100,000 events loaded',
      async () => {
        await viewport().evaluate((el) => (el.scrollTop = el.scrollHeight));
        return (await status.innerText()) === '100,000 events';
      },
      // Ten pages of 10 000 events (~2.4 MB each) through the test bridge: about 10 s, up to a
      // minute on a busy machine.
      90_000,
    );
    await viewport().evaluate((el) => (el.scrollTop = el.scrollHeight));
    const last = app.page.getByText('synthetic event #000001', { exact: true });
    await last.waitFor();
    assert.ok(await last.isVisible());
    const count = await rows().count();
    assert.ok(count < 200, `still only ${count} row elements at the end`);
    const box = await last.boundingBox();
    const view = await viewport().boundingBox();
    assert.ok(box && view && box.y + box.height <= view.y + view.height + 1, 'the last row is inside the viewport');
    console.log(`# scrolled through ${TOTAL} events in ${Date.now() - started} ms`);
    await app.shot('22-events-end');
  });

  test('the keyboard scrolls the list: Home goes back to the newest', async () => {
    await viewport().focus();
    await app.page.keyboard.press('Home');
    await rows().filter({ hasText: 'synthetic event #100000' }).waitFor();
  });

  test('filtering by type asks the core and shows only Warnings', async () => {
    await app.page.getByLabel('Type').selectOption('Warning');
    await eventually('only warnings', async () => {
      const types = await rows().evaluateAll((els) => els.slice(0, 20).map((el) => el.getAttribute('data-type')));
      return types.length > 0 && types.every((t) => t === 'Warning');
    });
    assert.match(await rows().first().innerText(), /synthetic event #100000/);
    await app.page.getByLabel('Type').selectOption('');
  });

  test('a live event arrives at the top without a reload', async () => {
    await rows().filter({ hasText: 'synthetic event #099999' }).waitFor();
    const fresh = syntheticEvent(TOTAL + 1, Date.now() - (TOTAL + 1) * 10 + 5);
    app.core.notifier.eventsRecorded(app.core.store.recordEvents([{ ...fresh, message: 'a live one', timestamp: Date.now() }]));
    await eventually('the live event is first', async () => (await rows().first().innerText()).includes('a live one'));
  });

  test('no page errors, no CSP violations, no refused IPC', () => {
    assert.deepEqual(app.pageErrors, []);
    assert.deepEqual(app.bridge.warnings, []);
  });
});
