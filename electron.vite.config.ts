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
        input: { index: resolve(__dirname, 'main/index.ts') },
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
      rolldownOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
    plugins: [react()],
  },
})
