import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

// Top-level main/, preload/ and renderer/ (not electron-vite's default src/ layout),
// so every entry is named explicitly.
export default defineConfig({
  main: {
    build: {
      externalizeDeps: true,
      rolldownOptions: {
        // index: the Electron glue; worker: the data worker thread it starts (main/worker/);
        // cli: the command line as plain JavaScript (`node out/main/cli.js`, starts without tsx).
        input: {
          index: resolve(__dirname, 'main/index.ts'),
          worker: resolve(__dirname, 'main/worker/entry.ts'),
          cli: resolve(__dirname, 'main/cli/index.ts'),
          // The command line's import reads the roster on this worker thread while it writes.
          'import-read': resolve(__dirname, 'main/roster-import/read-worker.ts'),
        },
        // Chromium printing through playwright is for the CLI and the browser host; the desktop
        // app prints with webContents.printToPDF, so playwright-core stays out of its bundle.
        external: ['playwright-core'],
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot require packages: bundle everything but electron.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(__dirname, 'preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    base: './',
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      // electron-vite leaves the renderer unminified: 5.3 MB of JavaScript parsed before the first
      // page can ask for its rows. Minified it is well under half of that.
      minify: true,
      rolldownOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
    plugins: [react()],
  },
})
