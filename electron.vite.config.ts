import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import type { Plugin } from 'vite';
import { devCsp, formatMetaCsp, productionCsp } from './src-main/shell/csp';

/**
 * index.html states the production Content-Security-Policy in a <meta> tag. The build fails if
 * that copy drifts from src-main/shell/csp.ts; the dev server swaps in the dev policy (hot reload
 * needs inline styles and a WebSocket).
 */
function contentSecurityPolicy(): Plugin {
  const production = formatMetaCsp(productionCsp);
  const metaTag = /(<meta http-equiv="Content-Security-Policy" content=")([^"]*)(")/;
  return {
    name: 'berth-csp',
    transformIndexHtml: {
      order: 'pre',
      handler(html, context) {
        const stated = metaTag.exec(html)?.[2];
        if (stated !== production) {
          throw new Error(`index.html's CSP <meta> must be exactly:\n  ${production}\nbut is:\n  ${stated ?? '(missing)'}`);
        }
        return context.server ? html.replace(metaTag, `$1${formatMetaCsp(devCsp)}$3`) : html;
      },
    },
  };
}

// The layout is src-main/ + src-renderer/ (not electron-vite's default src/main, src/preload,
// src/renderer), so every entry is named explicitly.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve('src-main/index.ts'),
          // The `berth` command shares the core with the app; bin/berth.js loads this bundle.
          cli: resolve('src-main/cli/main.ts'),
          // Imports run on a worker thread (src-main/kube/worker/off-thread.ts finds it here).
          'import-worker': resolve('src-main/kube/worker/import-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require() from node_modules and cannot be ESM: bundle all, CJS.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('src-main/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src-renderer',
    build: {
      outDir: 'out/renderer',
      rollupOptions: { input: resolve('src-renderer/index.html') },
    },
    plugins: [svelte(), contentSecurityPolicy()],
  },
});
