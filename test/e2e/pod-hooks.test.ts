// Lifecycle hooks, logs, termination timelines and pull progress in the UI, on a real core that
// runs pods on Docker: a postStart run with its output in Hook runs (live), the Logs tab
// following a container, a delete whose shutdown view shows preStop running, then SIGTERM, then
// the exit (no SIGKILL) from the stop rows; a postStart that fails (FailedPostStartHook, the kill,
// CrashLoopBackOff); an image pull's progress bar; and the README's pod-detail screenshot (a pod
// with hooks and a liveness restart).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { LABELS } from '../../src-main/engine/labels';
import { dockerPodEnv, eventually, openApp, type AppHarness } from './app-harness';

const hooksYaml = `apiVersion: v1
kind: Pod
metadata:
  name: hooks-demo
spec:
  terminationGracePeriodSeconds: 30
  containers:
    - name: app
      image: local/busybox:1
      command: ["sh", "-c", "trap 'echo bye; exit 0' TERM; i=0; while true; do i=$((i+1)); echo line $i; sleep 0.2 & wait $!; done"]
      lifecycle:
        postStart:
          exec: {command: ["sh", "-c", "echo started-hook"]}
        preStop:
          sleep: {seconds: 2}
`;

const badHookYaml = `apiVersion: v1
kind: Pod
metadata:
  name: hook-fails
spec:
  terminationGracePeriodSeconds: 2
  containers:
    - name: main
      image: local/busybox:1
      command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1 & wait $!; done"]
      lifecycle:
        postStart:
          exec:
            command: [badcommand]
`;

/** An init container that takes its time: the app container has not been created while it runs. */
const initYaml = `apiVersion: v1
kind: Pod
metadata:
  name: slow-init
spec:
  terminationGracePeriodSeconds: 1
  initContainers:
    - name: setup
      image: local/busybox:1
      command: ["sh", "-c", "echo preparing; sleep 60"]
  containers:
    - name: app
      image: local/busybox:1
      command: ["sh", "-c", "sleep 3600"]
`;

/**
 * The README's pod: postStart and preStop hooks, a sidecar, and a liveness probe that fails once
 * (the marker in the emptyDir survives the restart), so the card shows a stop and a restart.
 */
const webYaml = `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
spec:
  terminationGracePeriodSeconds: 10
  volumes:
    - name: state
      emptyDir: {}
  containers:
    - name: app
      image: local/busybox:1
      command: ["sh", "-c", "touch /tmp/healthy; if [ ! -e /state/ran ]; then touch /state/ran; (sleep 4; rm -f /tmp/healthy) & fi; trap 'echo draining; exit 0' TERM; i=0; while true; do i=$((i+1)); echo GET /api/orders 200 $i; sleep 1 & wait $!; done"]
      volumeMounts:
        - {name: state, mountPath: /state}
      livenessProbe:
        exec: {command: ["cat", "/tmp/healthy"]}
        periodSeconds: 1
        failureThreshold: 2
      lifecycle:
        postStart:
          exec: {command: ["sh", "-c", "echo warming cache; sleep 1; echo ready"]}
        preStop:
          exec: {command: ["sh", "-c", "echo draining connections; sleep 1"]}
    - name: log-shipper
      image: local/busybox:1
      command: ["sh", "-c", "trap 'exit 0' TERM; while true; do echo shipped batch; sleep 2 & wait $!; done"]
`;

function engineContainersOf(uid: string): string[] {
  const out = execFileSync('docker', ['ps', '-aq', '--filter', `label=${LABELS.podUid}=${uid}`], { env: dockerPodEnv, encoding: 'utf8' });
  return out.split('\n').filter(Boolean);
}

describe('hooks, logs and termination (Chromium + real core running pods on Docker)', () => {
  let app: AppHarness;
  const uids: string[] = [];

  before(async () => {
    app = await openApp({ engine: 'docker', env: dockerPodEnv, runPods: true }, 'berth-e2e-hooks-');
    // The README pod first: its liveness restart takes a while, and happens while the others run.
    for (const [file, text] of [['web.yaml', webYaml], ['hooks.yaml', hooksYaml], ['bad.yaml', badHookYaml], ['init.yaml', initYaml]]) {
      await app.core.api.apply({ fileName: file!, text: text! });
    }
    for (const pod of await app.core.api.listPods({})) uids.push(pod.uid);
  });

  after(async () => {
    if (!app) return;
    const left = await app.core.api.listPods({});
    await Promise.all(left.map((pod) => app.core.api.deletePod({ namespace: pod.namespace, name: pod.name, gracePeriodSeconds: 0 }).catch(() => {})));
    await eventually('every pod is gone', async () => (await app.core.api.listPods({})).length === 0, 30_000).catch(() => {});
    await app.close();
    const left2 = uids.flatMap(engineContainersOf);
    assert.deepEqual(left2, [], 'no containers left on the engine');
  });

  async function openPod(namespace: string, name: string): Promise<void> {
    const { page } = app;
    await app.go('Pods');
    await page.locator(`tr[data-pod="${namespace}/${name}"] td.name`).click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
  }

  test('postStart output in Hook runs, the log followed live, and a delete: preStop, SIGTERM, exited', async () => {
    const { page } = app;
    const hooksUid = (await app.core.api.getPod({ namespace: 'default', name: 'hooks-demo' })).metadata.uid;
    await app.go('Pods');
    await page.locator('tr[data-pod="default/hooks-demo"]').getByText('Running', { exact: true }).waitFor({ timeout: 30_000 });
    await openPod('default', 'hooks-demo');
    const card = page.getByRole('article', { name: 'Container app' });
    await card.locator('[data-field="state"]').getByText(/^Running/).waitFor();

    await page.getByRole('tab', { name: /Hook runs/ }).click();
    const postStart = page.locator('li[data-hook="PostStart"][data-outcome="ok"]');
    await postStart.getByText('started-hook').waitFor();
    assert.match(await postStart.locator('summary').innerText(), /postStart[\s\S]*exec[\s\S]*exit 0/);

    // Logs: the tail, then new lines as they are written.
    await page.getByRole('tab', { name: 'Logs' }).click();
    const log = page.getByRole('log', { name: 'Log of app' });
    await log.getByText(/line 5\b/).waitFor({ timeout: 10_000 });
    const lineCount = async () => (await log.innerText()).split('\n').filter((l) => l.startsWith('line ')).length;
    const before = await lineCount();
    await eventually('the log grows', async () => (await lineCount()) >= before + 5, 10_000);
    const follow = page.getByRole('button', { name: 'Follow' });
    assert.equal(await follow.getAttribute('aria-pressed'), 'true');
    await eventually('kept at the end', () => log.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight < 30));
    // Enough lines to scroll, then scrolling up pauses following; the button resumes it.
    await eventually('the log overflows', () => log.evaluate((el) => el.scrollHeight > el.clientHeight + 100), 30_000);
    await log.evaluate((el) => el.scrollTo({ top: 0 }));
    await eventually('following paused', async () => (await follow.getAttribute('aria-pressed')) === 'false');
    const top = await log.evaluate((el) => el.scrollTop);
    await page.waitForTimeout(600);
    assert.equal(await log.evaluate((el) => el.scrollTop), top, 'the view stays where the user put it');
    await follow.press('Enter');
    assert.equal(await follow.getAttribute('aria-pressed'), 'true');
    await eventually('back at the end', () => log.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight < 30));
    await app.shot('40-pod-logs');
    await page.getByRole('checkbox', { name: 'Previous instance' }).check();
    await page.getByTestId('logs-unavailable').getByText('has no previous instance').waitFor();
    await page.getByRole('checkbox', { name: 'Previous instance' }).uncheck();
    await log.getByText(/line \d+/).first().waitFor();

    // Delete with grace 10: preStop (sleep 2 s), then SIGTERM, which the app traps and exits 0.
    await page.getByRole('tab', { name: 'Overview' }).click();
    await page.getByRole('button', { name: 'Delete…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete pod hooks-demo' });
    await dialog.getByRole('textbox').fill('10');
    const started = Date.now();
    await dialog.getByRole('button', { name: 'Delete pod' }).click();
    const progress = dialog.getByRole('region', { name: 'Shutdown of hooks-demo' });
    await progress.getByText(/preStop of app running for \d/).waitFor({ timeout: 5_000 });
    await progress.getByText('until SIGKILL').waitFor();
    await page.waitForTimeout(900);
    await app.shot('41-delete-prestop');
    await progress.getByText(/SIGTERM sent to/).waitFor({ timeout: 5_000 });
    const exitStep = progress.locator('li[data-step="exit"][data-container="app"]');
    await exitStep.getByText(/exited \(code 0\)/).waitFor({ timeout: 5_000 });
    assert.match(await exitStep.innerText(), /stopped gracefully in \d+\.\d s \(preStop 2\.\d s, SIGTERM at \+2\.\d s\)/);
    await progress.getByText(/preStop of app ran 2\.\d s/).waitFor();
    await app.shot('42-delete-exited');
    await progress.getByText('Pod removed', { exact: true }).waitFor({ timeout: 15_000 });
    const took = Date.now() - started;
    assert.ok(took >= 2_000 && took < 9_000, `gone after the 2 s preStop and before SIGKILL (${took} ms)`);
    assert.equal(await progress.getByText('killed (SIGKILL)').count(), 0);
    await progress.getByText('stopped within the grace period of 10 s').waitFor();
    await app.shot('43-delete-done');
    await dialog.getByRole('button', { name: 'Close' }).click();

    assert.deepEqual(engineContainersOf(hooksUid), [], 'nothing of the pod left on the engine');
  });

  test('a failing postStart: the failed run with its error, FailedPostStartHook, CrashLoopBackOff', async () => {
    const { page } = app;
    await openPod('default', 'hook-fails');
    const card = page.getByRole('article', { name: 'Container main' });
    await card.locator('[data-field="last-stop"][data-reason="PostStartHookError"]').waitFor({ timeout: 30_000 });
    assert.match(await card.locator('[data-field="last-stop"]').innerText(), /postStart hook failed · stopped gracefully in|postStart hook failed · killed after/);
    await page.getByRole('table', { name: 'Pod events' }).locator('tr[data-reason="FailedPostStartHook"]').first().waitFor();
    await card.locator('header').getByText(/^(CrashLoopBackOff|PostStartHookError)$/).waitFor({ timeout: 30_000 });
    await page.locator('header.head').getByText(/^(CrashLoopBackOff|PostStartHookError)$/).waitFor();
    const steps = await card.getByRole('figure', { name: 'Lifecycle of main' }).locator('li').allInnerTexts();
    assert.ok(steps.some((s) => s.includes('postStart failed')), steps.join('\n'));
    assert.ok(steps.some((s) => s.includes('SIGTERM sent')), steps.join('\n'));

    await page.getByRole('tab', { name: /Hook runs/ }).click();
    const failed = page.locator('li[data-hook="PostStart"][data-outcome="failed"]').first();
    await failed.waitFor();
    assert.match(await failed.locator('.error').innerText(), /badcommand/);
    await app.shot('44-hook-failed');
    await page.getByRole('tab', { name: 'Overview' }).click();
    await app.shot('45-hook-failed-overview');
  });

  test("an image pull shows a progress bar in the pod's detail and its row, gone when done", async () => {
    const { page } = app;
    const pod = (await app.core.api.listPods({})).find((p) => p.name === 'slow-init')!;
    await openPod('default', 'slow-init');
    const push = (percent: number, layers: { id: string; status: string }[]) =>
      app.core.notifier.pullProgressed({ podUid: pod.uid, namespace: 'default', podName: 'slow-init', container: 'app', image: 'registry.example/shop/api:2.4', percent, layers });
    const layers = [
      { id: 'l1', status: 'Pull complete' },
      { id: 'l2', status: 'Downloading' },
      { id: 'l3', status: 'Waiting' },
    ];
    push(42, layers);
    const card = page.getByRole('article', { name: 'Container app' });
    const bar = card.getByRole('progressbar', { name: 'Pulling registry.example/shop/api:2.4 for app' });
    await bar.waitFor();
    assert.equal(await bar.getAttribute('aria-valuenow'), '42');
    await card.getByText('42 % · 1 of 3 layers').waitFor();
    await app.shot('46-pull-progress');

    await app.go('Pods');
    const rowBar = page.locator('tr[data-pod="default/slow-init"]').getByRole('progressbar');
    push(67, layers);
    await rowBar.waitFor();
    await eventually('the row shows 67 %', async () => (await rowBar.getAttribute('aria-valuenow')) === '67');
    await app.shot('47-pull-progress-row');
    push(100, layers.map((l) => ({ ...l, status: 'Pull complete' })));
    await rowBar.waitFor({ state: 'detached' });
  });

  test("the README's pod: hooks, a liveness restart with its stop, and the log's tabs (light and dark)", async () => {
    const { page } = app;
    await openPod('shop', 'web');
    const card = page.getByRole('article', { name: 'Container app' });
    await card.locator('[data-field="last-stop"][data-reason="LivenessProbe"]').waitFor({ timeout: 30_000 });
    await eventually('restarted and running', async () => (await card.locator('[data-field="restarts"]').innerText()) === '1' && (await card.getAttribute('data-state')) === 'Running', 40_000);
    assert.match(await card.locator('[data-field="last-stop"]').innerText(), /liveness probe failed · stopped gracefully in \d+\.\d s \(preStop 1\.\d s, SIGTERM at \+1\.\d s\)/);
    const steps = await card.getByRole('figure', { name: 'Lifecycle of app' }).locator('li').allInnerTexts();
    assert.ok(steps.some((s) => s.includes('SIGTERM sent')), steps.join('\n'));
    assert.ok(steps.some((s) => s.includes('preStop ok')), steps.join('\n'));
    // The second postStart finishes a second after the restart.
    await eventually('two postStart runs done', async () => (await app.core.api.listHookRuns({ namespace: 'shop', name: 'web' })).filter((r) => r.hook === 'PostStart' && r.finishedAt !== null).length === 2, 15_000);
    await page.waitForTimeout(2_500);
    await app.shot('48-pod-detail');
    await page.emulateMedia({ colorScheme: 'dark' });
    await app.shot('48-pod-detail-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    // Previous instance of app: its log up to the liveness kill.
    await page.getByRole('tab', { name: 'Logs' }).click();
    await page.getByRole('checkbox', { name: 'Previous instance' }).check();
    const previous = page.getByRole('log', { name: 'Log of app (previous instance)' });
    await previous.getByText('draining').waitFor({ timeout: 10_000 });
    await page.getByText('End of the previous instance’s log').waitFor();
    await app.shot('49-pod-logs-previous');
    await page.getByRole('tab', { name: /Hook runs/ }).click();
    await page.locator('li[data-hook="PreStop"][data-outcome="ok"]').getByText('draining connections').waitFor();
    await app.shot('50-hook-runs');
  });

  test('no page errors, no CSP violations, no refused IPC', () => {
    assert.deepEqual(app.pageErrors, []);
    assert.deepEqual(app.bridge.warnings, []);
  });
});
