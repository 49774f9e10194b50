// The main window's options. Every web preference that matters for security is spelled out,
// even where it is Electron's default, so a reader (and a test) can see the whole policy.
import type { BrowserWindowConstructorOptions } from 'electron';

/** The window background before the page paints, matching the renderer's theme colours. */
export const themeBackground = { light: '#f6f7f9', dark: '#15171c' } as const;

export interface WindowOptionsInput {
  preloadPath: string;
  dark: boolean;
}

export function mainWindowOptions({ preloadPath, dark }: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    width: 1200,
    height: 780,
    minWidth: 760,
    minHeight: 480,
    title: 'Berth',
    // Shown on ready-to-show, so the user never sees a blank white frame.
    show: false,
    backgroundColor: dark ? themeBackground.dark : themeBackground.light,
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  };
}
