import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The portal's web workstation. Built into dist/ and served by apps/portal; `npm run dev:portal` proxies the API.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  build: {
    outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 3000, sourcemap: false,
    // Ant Design marks its modules "use client" for React Server Components; a plain client bundle ignores that.
    rollupOptions: { onwarn: (w, warn) => (w.code === 'MODULE_LEVEL_DIRECTIVE' ? undefined : warn(w)) },
  },
  server: { port: 5173, proxy: { '/api': 'http://127.0.0.1:3000', '/auth': 'http://127.0.0.1:3000', '/users': 'http://127.0.0.1:3000' } },
});
