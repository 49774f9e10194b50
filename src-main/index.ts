// The Electron entry: one window onto the core, which runs here in the main process. Thin on
// purpose: policies live in shell/, the IPC bridge in ipc/, behaviour in the core.
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, nativeImage, nativeTheme, safeStorage, session, Tray, webContents } from 'electron';
import { createDesktopSecretVault } from './secrets/safe-storage-vault';
import { answerToDecision, decideQuit, QUIT_DIALOG, readSettings, settingsFile, trayLabel, writeSettings, type QuitPolicy } from './shell/quit-policy';
import { openCore, type Core } from './api/core';
import { defaultDataDir, socketPathFor } from './api/data-dir';
import { prepareSocketDir, serveApiOnSocket, socketAnswers, type SocketServer } from './rpc/server';
import { routerForCore } from './kube-apiserver/handlers';
import { DEFAULT_API_PORT, hostBesideController, parseApiPort, type HostedKubeApi } from './kube-apiserver/host';
import type { EngineChoice } from './api/engine-status';
import type { AppLocation } from './shell/app-url';
import { APP_ENTRY_URL } from './shell/app-protocol';
import { registerAppScheme, serveApp } from './shell/serve-app';
import { devCsp, formatCsp, productionCsp } from './shell/csp';
import { hardenContents, hardenSession } from './shell/harden';
import { mainWindowOptions } from './shell/window-options';
import { registerIpc } from './ipc/register';
import type { Diagnostic } from './model';
import { isConfirmed, privilegedDialog } from './shell/privileged-dialog';

const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const rendererDir = fileURLToPath(new URL('../renderer/', import.meta.url));
const preloadPath = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));
const trayIconPath = fileURLToPath(new URL('../../resources/tray.png', import.meta.url));
const appLocation: AppLocation = { entryUrl: devServerUrl ?? APP_ENTRY_URL };

const START_FIX = [
  'If the message mentions better_sqlite3, the SQLite module could not be loaded: run `npm ci` again (better-sqlite3',
  'ships one Node-API binary per platform that Node and Electron both load), or set BERTH_SQLITE_BINDING to a better_sqlite3.node for this platform.',
  'If it names the database or the data folder, check that folder and that no other Berth version uses it.',
].join('\n');

function apiPortFromEnv(): number {
  try {
    return parseApiPort(process.env.BERTH_API_PORT);
  } catch (error) {
    console.warn(`berth: BERTH_API_PORT: ${(error as Error).message}; using ${DEFAULT_API_PORT}`);
    return DEFAULT_API_PORT;
  }
}

function engineChoice(value: string | undefined): EngineChoice {
  return value === 'docker' || value === 'podman' ? value : 'auto';
}

// The built renderer is served on berth://app/ (not file://); the scheme must be known before ready.
registerAppScheme();

// The app and the `berth` CLI share one data folder (the package name would give ~/.config/berth).
app.setPath('userData', defaultDataDir());

// Every web page Electron creates (the window, devtools, anything later) gets the same policy.
app.on('web-contents-created', (_event, contents) => hardenContents(contents, appLocation));

let core: Core | null = null;
let socketServer: SocketServer | null = null;
let kubeApi: HostedKubeApi | null = null;
let tray: Tray | null = null;
let quitPolicy: QuitPolicy | null = null;
let unregisterIpc: (() => void) | null = null;
let mainWindow: BrowserWindow | null = null;

function createWindow(): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions({ preloadPath, dark: nativeTheme.shouldUseDarkColors }));
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  void window.loadURL(appLocation.entryUrl);
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
  if (!devServerUrl) serveApp(session.defaultSession, rendererDir, formatCsp(productionCsp));
  const dataDir = app.getPath('userData');
  const socketPath = socketPathFor(dataDir);
  // Before opening the core: `berth serve` may already be the controller of this data folder, and two
  // controllers must never run the same pods, not even briefly.
  prepareSocketDir(socketPath);
  if (await socketAnswers(socketPath)) {
    alreadyRunning(`another Berth controller is already running on ${socketPath} (the app or \`berth serve\`)`);
    return;
  }
  // The app is the controller: it runs the pods, and the `berth` CLI talks to it over the socket.
  // Secret data is encrypted with the OS keychain (safeStorage) when it can be, never in SQLite.
  const secretVault = createDesktopSecretVault(dataDir, safeStorage, (message) => console.warn(`berth: ${message}`));
  core = await openCore({ dataDir, engine: engineChoice(process.env.BERTH_ENGINE), runPods: true, secretVault });
  try {
    socketServer = await serveApiOnSocket(core.api, socketPath);
  } catch (error) {
    // Started between the check above and now, or the socket folder is not private.
    await core.close();
    core = null;
    if (/already serving/.test((error as Error).message)) alreadyRunning((error as Error).message);
    else throw error;
    return;
  }
  // The Kubernetes API beside the socket (an unusable BERTH_API_PORT falls back to the default).
  kubeApi = (await hostBesideController(dataDir, apiPortFromEnv(), routerForCore(core), (m) => console.warn(`berth: ${m}`))) ?? null;
  unregisterIpc = registerIpc(core.api, appLocation, confirmPrivileged);
  mainWindow = createWindow();
  startTray(core);

  // macOS: clicking the dock icon with no window open brings one back.
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow();
  });
}

/** The main process's own question before a privileged pod is applied from a window (modal to it). */
async function confirmPrivileged(contentsId: number, violations: Diagnostic[]): Promise<boolean> {
  const contents = webContents.fromId(contentsId);
  const window = contents ? BrowserWindow.fromWebContents(contents) : null;
  const options = privilegedDialog(violations);
  const answer = window ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options);
  return isConfirmed(answer.response);
}

/** `berth serve` already runs on this data folder: say so and leave. */
function alreadyRunning(message: string): void {
  dialog.showErrorBox('Berth is already running', `${message}\n\nStop \`berth serve\` first, then start the app again.`);
  app.exit(1);
}

/** The tray says how many pods run; clicking it brings the window back. */
function startTray(running: Core): void {
  tray = new Tray(nativeImage.createFromPath(trayIconPath));
  const refresh = async () => {
    const pods = await running.api.listPods({});
    tray?.setToolTip(trayLabel(pods.filter((p) => p.status === 'Running').length, pods.length));
  };
  tray.on('click', () => (mainWindow ? focusMainWindow() : (mainWindow = createWindow())));
  running.api.subscribe('pods', {}, () => void refresh());
  void refresh();
}

/** Asked once (and remembered on request): leave pods running, or stop them with their preStop hooks. */
async function chooseQuitPolicy(running: Core): Promise<QuitPolicy | null> {
  const file = settingsFile(running.dataDir);
  const pods = (await running.api.listPods({})).filter((p) => p.status === 'Running');
  let decision = decideQuit(readSettings(file), pods.length);
  if (decision.action === 'ask') {
    const answer = await dialog.showMessageBox({ type: 'question', ...QUIT_DIALOG, buttons: [...QUIT_DIALOG.buttons] });
    decision = answerToDecision(answer.response, answer.checkboxChecked);
  }
  if (decision.action !== 'quit') return null;
  if (decision.remember) writeSettings(file, { quitPolicy: decision.policy });
  return decision.policy;
}

// Closing the last window quits (the quit policy decides about the pods), except on macOS where
// apps conventionally stay in the dock.
app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

// Before quitting: the quit policy (asked once). Cancel keeps the app open.
app.on('before-quit', (event) => {
  if (quitPolicy || !core) return;
  event.preventDefault();
  const running = core;
  void chooseQuitPolicy(running).then((policy) => {
    if (!policy) return;
    quitPolicy = policy;
    app.quit();
  });
});

// Close the core once, before exiting (stopping pods first when asked to): wait, then quit for real.
let closing = false;
app.on('will-quit', (event) => {
  if (closing || !core) return;
  closing = true;
  event.preventDefault();
  tray?.destroy();
  unregisterIpc?.();
  const open = core;
  core = null;
  const server = socketServer;
  socketServer = null;
  const hostedApi = kubeApi;
  kubeApi = null;
  const stopPods = quitPolicy === 'stop-gracefully' ? stopPodsWithProgress(open) : Promise.resolve();
  stopPods
    .then(() => hostedApi?.close())
    .then(() => server?.close())
    .then(() => open.close())
    .catch((error: unknown) => console.error('berth: closing the core failed:', error))
    .finally(() => app.quit());
});

/** Stops every pod's containers gracefully (preStop, grace period), showing progress in the window. */
async function stopPodsWithProgress(running: Core): Promise<void> {
  const total = (await running.api.listPods({})).filter((p) => p.status === 'Running').length;
  const show = async () => {
    const left = (await running.api.listPods({})).filter((p) => p.status === 'Running').length;
    mainWindow?.setTitle(`Berth — stopping pods gracefully (${left} of ${total} still running)…`);
    mainWindow?.setProgressBar(total ? (total - left) / total : 1);
  };
  const unsubscribe = running.api.subscribe('pods', {}, () => void show());
  await show();
  try {
    await running.runtime?.stopPods();
  } finally {
    unsubscribe();
    mainWindow?.setProgressBar(-1);
  }
}

if (!app.requestSingleInstanceLock()) {
  // Another Berth is running: it gets focused (second-instance below) and this one leaves.
  app.quit();
} else {
  app.on('second-instance', focusMainWindow);
  start().catch((error: unknown) => {
    console.error('berth: failed to start:', error);
    const message = error instanceof Error ? error.message : String(error);
    dialog.showErrorBox('Berth could not start', `${message}\n\n${START_FIX}`);
    app.exit(1);
  });
}
