// Vite builds the dashboard into dist/dashboard, which `foresight serve` and `foresight dashboard` serve at `/`.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../dist/dashboard', import.meta.url)),
    emptyOutDir: true,
    // vega and vega-lite are most of the bundle; one chunk keeps the page at two requests
    chunkSizeWarningLimit: 2000,
    reportCompressedSize: false,
  },
  server: { host: '127.0.0.1' },
});
