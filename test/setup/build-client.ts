/**
 * Vitest global setup: the browser tests need the built web app. Builds it
 * with Vite when client/dist is missing or older than any source it is made
 * from (client/ and the engine it imports); otherwise costs a directory walk.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const builtIndex = join(root, 'client/dist/index.html');
const sources = [join(root, 'client'), join(root, 'questionnaires/engine')];

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules' || entry.name.startsWith('.') || entry.name.endsWith('.md')) continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export function clientIsStale(): boolean {
  if (!existsSync(builtIndex)) return true;
  const built = statSync(builtIndex).mtimeMs;
  return sources.some((dir) => newestSource(dir) > built);
}

export async function setup(): Promise<void> {
  if (!clientIsStale()) return;
  const { build } = await import('vite');
  await build({ configFile: join(root, 'client/vite.config.ts'), logLevel: 'warn' });
}
