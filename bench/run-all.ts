/** `npm run bench`: every benchmark, one table of figures with their targets. */
import { readdirSync } from 'node:fs';
import { type Figure, printFigures } from './figures.ts';

const only = process.argv.slice(2);
const scripts = readdirSync(new URL('.', import.meta.url))
  .filter((f) => f.endsWith('.ts') && !['figures.ts', 'run-all.ts'].includes(f))
  .filter((f) => only.length === 0 || only.includes(f.replace(/\.ts$/, '')))
  .sort();

const all: Figure[] = [];
for (const script of scripts) {
  const module = (await import(`./${script}`)) as { run: () => Promise<Figure[]> };
  const figures = await module.run();
  printFigures(`bench/${script.replace(/\.ts$/, '')}`, figures);
  all.push(...figures.map((f) => ({ ...f, name: `${script.replace(/\.ts$/, '')}: ${f.name}` })));
}
printFigures('all benchmarks', all);
const missed = all.filter((f) => !f.pass).length;
console.log(`\n${all.length - missed} targets met, ${missed} missed`);
