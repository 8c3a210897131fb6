import { defineConfig } from 'vite';

// Everything is bundled into dist/ and served by `vv serve` at /: no CDN, no runtime fetch of
// anything but the JSON API on the same origin. Relative base so the files work under any prefix.
export default defineConfig({
  base: './',
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 800 },
  server: { proxy: { '/v1': 'http://127.0.0.1:8080', '/healthz': 'http://127.0.0.1:8080' } },
});
