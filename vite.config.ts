import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { sharedOptimizeDeps } from './vite.shared.ts';
import { lessonMarkdown } from './build/lesson-markdown-plugin.ts';
import { lessonsPlugin } from './build/lessons-plugin.ts';
import { signingKey } from './build/signing-key-plugin.ts';
import { offlineShell } from './build/pwa.ts';

export default defineConfig({
  plugins: [lessonMarkdown(), lessonsPlugin(), signingKey(), svelte(), offlineShell()],
  optimizeDeps: sharedOptimizeDeps,
  // msw 2.9 drags in a public-suffix list through tough-cookie; the simulated cloud sets no cookies
  // (src/cloud/msw/tough-cookie-stub.ts explains).
  resolve: { alias: { '@bundled-es-modules/tough-cookie': new URL('./src/cloud/msw/tough-cookie-stub.ts', import.meta.url).pathname } },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    // scripts/size.mjs reads the manifest to tell first-load chunks from lazy ones.
    manifest: true,
    // The /embed page is its own entry so its first load carries none of the app's code.
    rollupOptions: { input: { index: 'index.html', embed: 'embed.html' } },
    // Monaco and just-bash are large by nature; they load lazily and are budgeted by scripts/size.mjs.
    chunkSizeWarningLimit: 4096,
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
