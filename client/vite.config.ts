/**
 * Builds the web app into client/dist, which the server serves. JSX goes
 * through esbuild (Preact's automatic runtime), so no Vite plugin is needed.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { type Plugin, defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const engineDir = fileURLToPath(new URL('../questionnaires/engine/', import.meta.url));
const apiDir = fileURLToPath(new URL('../api/', import.meta.url));

const COMPRESSIBLE = /\.(js|css|html|json|svg|txt|webmanifest)$/;

/**
 * Writes `name.br` (quality 11) and `name.gz` (level 9) beside every text file
 * of the build, once, so the server sends them without compressing per request.
 */
function precompress(outDir: string): Plugin {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)]));
  return {
    name: 'procheck:precompress',
    apply: 'build',
    closeBundle() {
      for (const file of walk(outDir).filter((f) => COMPRESSIBLE.test(f))) {
        const bytes = readFileSync(file);
        writeFileSync(`${file}.br`, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }));
        writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  root,
  base: '/',
  // client/public holds the service worker (sw.js), copied as is to the root of dist.
  publicDir: 'public',
  logLevel: 'warn',
  // jsxDev off: a build started by vitest (NODE_ENV=test) must ship the same production JSX as npm run build.
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact', jsxDev: false },
  plugins: [precompress(join(root, 'dist'))],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Lists every built file; the service worker caches them for the scouts' offline use.
    // Not under .vite/: the server does not serve dot folders.
    manifest: 'asset-manifest.json',
    // The engine and the API's shapes are pure (no module does anything on import), so a
    // module whose exports the app does not use - the zod schemas - is left out.
    rollupOptions: {
      treeshake: { moduleSideEffects: (id) => !id.startsWith(engineDir) && !id.startsWith(apiDir) },
      onwarn(warning, warn) {
        // zod's comments confuse Rollup's annotation parser; zod is parsed but never bundled.
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('/node_modules/zod/')) return;
        warn(warning);
      },
    },
  },
  server: {
    // `npx vite --config client/vite.config.ts` during development, with the API on :3000.
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
