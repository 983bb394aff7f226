/**
 * Vite build of the dashboard. The app is served from any folder (`base: './'`) and reads its
 * data from `data/` next to `index.html`; in `vite dev` that folder is the pipeline's output
 * (`DASHBOARD_DATA`, default `data/`), served through the same whitelist as the server.
 */
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { dataMiddleware } from './server/data-route.ts';
import { committedRunDir } from '../pipeline/src/output/run-folder.ts';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: './',
  plugins: [
    svelte(),
    {
      name: 'dashboard-data',
      configureServer(server) {
        const dataDir = resolve(process.env.DASHBOARD_DATA ?? resolve(here, '../data'));
        server.middlewares.use(dataMiddleware(committedRunDir(dataDir)));
      },
    },
  ],
  build: {
    outDir: resolve(here, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 400,
  },
  server: { host: '127.0.0.1' },
});
