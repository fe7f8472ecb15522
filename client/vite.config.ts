/**
 * Builds the web app into client/dist, which the server serves. JSX goes
 * through esbuild (Preact's automatic runtime), so no Vite plugin is needed.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const engineDir = fileURLToPath(new URL('../questionnaires/engine/', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  publicDir: false,
  logLevel: 'warn',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // The engine is pure (no module does anything on import), so a module whose
    // exports the app does not use - schema.ts with its zod schemas - is left out.
    rollupOptions: {
      treeshake: { moduleSideEffects: (id) => !id.startsWith(engineDir) },
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
