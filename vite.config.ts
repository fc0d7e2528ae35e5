import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { inlineClientCss } from './vite-plugins.ts';

/**
 * Writes a .br and a .gz beside every compressible file of the build, so the server sends them
 * as they are (@fastify/static's preCompressed) instead of compressing on every request.
 */
function precompress(): Plugin {
  return {
    name: 'latchkey-precompress',
    apply: 'build',
    closeBundle() {
      const outDir = path.resolve(import.meta.dirname, 'web/dist');
      for (const entry of readdirSync(outDir, { recursive: true, withFileTypes: true })) {
        if (!entry.isFile() || !/\.(js|css|html|svg|json|txt)$/.test(entry.name)) continue;
        const file = path.join(entry.parentPath, entry.name);
        const body = readFileSync(file);
        if (body.length < 1024) continue;
        const params = { [constants.BROTLI_PARAM_QUALITY]: 11 };
        writeFileSync(`${file}.br`, brotliCompressSync(body, { params }));
        writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
      }
    },
  };
}

// The web front end lives in web/ and builds to web/dist, which the server serves at `/`. Two
// entries: index.html (home and the agency's dashboard) and client.html (the client's page, so a
// client downloads only its own page; React is a chunk both share).
export default defineConfig({
  root: 'web',
  plugins: [react(), inlineClientCss(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    rolldownOptions: {
      input: {
        main: path.resolve(import.meta.dirname, 'web/index.html'),
        client: path.resolve(import.meta.dirname, 'web/client.html'),
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000', '/healthz': 'http://127.0.0.1:3000' } },
});
