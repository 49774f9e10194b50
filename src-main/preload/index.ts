// The preload: exposes window.berth (the typed BerthApi) and nothing else. No ipcRenderer, no
// channel pass-through; every payload is validated again in the main process.
import { contextBridge, ipcRenderer } from 'electron';
import { createBerthClient } from './client';

contextBridge.exposeInMainWorld('berth', createBerthClient(ipcRenderer));
