// Shared set-up for the Chromium tests of whole screens: a real core (optionally running pods on
// Docker), the built renderer served with the app's CSP, and Chromium with the test bridge.
// Collects page errors and CSP violations so every test file can assert there were none.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { openCore, type Core, type CoreOptions } from '../../src-main/api/core';
import { installBridge, type Bridge } from '../support/bridge';
import { serveStatic, type StaticServer } from '../support/static-server';
import { makeTempDir } from '../support/temp';

const rendererDir = fileURLToPath(new URL('../../out/renderer/', import.meta.url));
export const screenshotDir = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

export type ScreenName = 'Pods' | 'Events' | 'Import' | 'Engine';

export interface AppHarness {
  core: Core;
  page: Page;
  bridge: Bridge;
  /** Page errors, console errors and CSP violations seen so far. */
  pageErrors: string[];
  shot(name: string): Promise<void>;
  go(screen: ScreenName): Promise<void>;
  close(): Promise<void>;
}

/** The env a core needs to run pods on this machine's Docker with the test images. */
export const dockerPodEnv = {
  ...process.env,
  BERTH_SANDBOX_IMAGE: 'local/pause:1',
  DOCKER_HOST: 'unix:///var/run/docker.sock',
};

export async function openApp(coreOptions: Omit<CoreOptions, 'dataDir'>, prefix: string): Promise<AppHarness> {
  mkdirSync(screenshotDir, { recursive: true });
  const dataDir = makeTempDir(prefix);
  const core = await openCore({ dataDir: dataDir.path, ...coreOptions });
  let server: StaticServer | undefined;
  let browser: Browser | undefined;
  try {
    server = await serveStatic(rendererDir);
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 820 }, colorScheme: 'light' });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(`console: ${message.text()}`);
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
      });
    });
    const bridge = await installBridge(page, { api: core.api, appUrl: server.url });
    await page.goto(server.url);
    const openedServer = server;
    const openedBrowser = browser;
    return {
      core,
      page,
      bridge,
      pageErrors,
      shot: async (name) => {
        await page.screenshot({ path: `${screenshotDir}${name}.png` });
      },
      go: async (screen) => {
        await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: screen, exact: true }).click();
        await page.getByRole('heading', { level: 1, name: screen }).waitFor();
      },
      close: async () => {
        await openedBrowser.close();
        await openedServer.close();
        await core.close();
        dataDir.remove();
      },
    };
  } catch (error) {
    await browser?.close();
    await server?.close();
    await core.close();
    dataDir.remove();
    throw error;
  }
}

/** Waits until `check` holds, polling; fails with `what` after `timeoutMs`. */
export async function eventually(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}
