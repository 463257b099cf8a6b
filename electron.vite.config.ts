import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

const r = (p: string) => resolve(__dirname, p)

export default defineConfig({
  // two shells over the same services: the Electron app, and browser mode (plain Node, for machines without Electron);
  // and the services' background worker thread (electron/background/), a file of its own that the shells hand them
  main: { build: { rolldownOptions: { input: { index: r('electron/main.ts'), browser: r('electron/browser/start.ts'), 'background-worker': r('electron/background/worker.ts') } }, outDir: r('out/main') } },
  // A sandboxed preload can require only 'electron': everything else (the contract's zod-free names) is bundled into it.
  preload: {
    build: { externalizeDeps: false, rolldownOptions: { input: { index: r('electron/preload.ts'), customer: r('electron/customer-preload.ts') } }, outDir: r('out/preload') },
  },
  renderer: {
    root: r('renderer'),
    plugins: [react()],
    build: { outDir: r('out/renderer'), minify: true, rolldownOptions: { input: { index: r('renderer/index.html'), customer: r('renderer/customer.html') } } },
  },
})
