#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `npx procheck` works right after `npm install`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../server/cli.ts');
await main();
