import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// One build for every shell: the Electron main process, the web shell and the
// command line are separate entries of the same main bundle, so they share the
// engine, the database code and the api/ binding.
export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          web: resolve(__dirname, 'src/main/web/main.ts'),
          cli: resolve(__dirname, 'src/main/cli/main.ts'),
          // The import's worker thread (new Worker(out/main/import-worker.js)), for every shell.
          'import-worker': resolve(__dirname, 'src/main/import/pipeline/worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot require() packages: bundle the contract (and zod) in.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    build: {
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/renderer/index.html') },
      },
    },
    plugins: [react()],
  },
});
