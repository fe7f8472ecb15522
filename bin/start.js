#!/usr/bin/env node
// `npm start`: builds the web app on first run, then serves app and API.
import { existsSync } from 'node:fs';
import { register } from 'tsx/esm/api';

const clientIndex = new URL('../client/dist/index.html', import.meta.url);
if (!existsSync(clientIndex) && existsSync(new URL('../client/vite.config.ts', import.meta.url))) {
  console.log('procheck: building the web app once (npm run build)…');
  const { build } = await import('vite');
  await build({ configFile: new URL('../client/vite.config.ts', import.meta.url).pathname, logLevel: 'warn' });
}
register();
await import('../server/main.ts');
