// The Electron entry: one window onto the core, which runs here in the main process. Thin on
// purpose: policies live in shell/, the IPC bridge in ipc/, behaviour in the core.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, nativeTheme, session } from 'electron';
import { openCore, type Core } from './api/core';
import { defaultDataDir } from './api/data-dir';
import type { EngineChoice } from './api/engine-status';
import type { AppLocation } from './shell/app-url';
import { devCsp, formatCsp, productionCsp } from './shell/csp';
import { hardenContents, hardenSession } from './shell/harden';
import { mainWindowOptions } from './shell/window-options';
import { registerIpc } from './ipc/register';

const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const rendererFile = fileURLToPath(new URL('../renderer/index.html', import.meta.url));
const preloadPath = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));
const appLocation: AppLocation = { entryUrl: devServerUrl ?? pathToFileURL(rendererFile).href };

function engineChoice(value: string | undefined): EngineChoice {
  return value === 'docker' || value === 'podman' ? value : 'auto';
}

// The app and the `berth` CLI share one data folder (the package name would give ~/.config/berth).
app.setPath('userData', defaultDataDir());

// Every web page Electron creates (the window, devtools, anything later) gets the same policy.
app.on('web-contents-created', (_event, contents) => hardenContents(contents, appLocation));

let core: Core | null = null;
let unregisterIpc: (() => void) | null = null;
let mainWindow: BrowserWindow | null = null;

function createWindow(): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions({ preloadPath, dark: nativeTheme.shouldUseDarkColors }));
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  void (devServerUrl ? window.loadURL(devServerUrl) : window.loadFile(rendererFile));
  return window;
}

function focusMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

async function start(): Promise<void> {
  await app.whenReady();
  hardenSession(session.defaultSession, formatCsp(devServerUrl ? devCsp : productionCsp));
  core = await openCore({ dataDir: app.getPath('userData'), engine: engineChoice(process.env.BERTH_ENGINE) });
  unregisterIpc = registerIpc(core.api, appLocation);
  mainWindow = createWindow();

  // macOS: clicking the dock icon with no window open brings one back.
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow();
  });
}

// Quit policy (tray, keep running with the window closed) comes later; for now closing the last
// window quits, except on macOS where apps conventionally stay in the dock.
app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

// Close the core once, before exiting: wait for it, then quit for real.
let closing = false;
app.on('will-quit', (event) => {
  if (closing || !core) return;
  closing = true;
  event.preventDefault();
  unregisterIpc?.();
  const open = core;
  core = null;
  open
    .close()
    .catch((error: unknown) => console.error('berth: closing the core failed:', error))
    .finally(() => app.quit());
});

if (!app.requestSingleInstanceLock()) {
  // Another Berth is running: it gets focused (second-instance below) and this one leaves.
  app.quit();
} else {
  app.on('second-instance', focusMainWindow);
  start().catch((error: unknown) => {
    console.error('berth: failed to start:', error);
    app.exit(1);
  });
}
