import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The web front end (dashboard and client onboarding page) lives in web/ and builds to web/dist,
// which the server serves at `/`.
export default defineConfig({
  root: 'web',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
  server: { proxy: { '/api': 'http://127.0.0.1:3000', '/healthz': 'http://127.0.0.1:3000' } },
});
