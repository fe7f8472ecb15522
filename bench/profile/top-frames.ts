/**
 * Reads a `.cpuprofile` and prints the frames with the most self time, and the
 * same summed per package or source folder — the two views docs/performance.md
 * quotes.  npx tsx bench/profile/top-frames.ts FILE.cpuprofile [N]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, top = '25'] = process.argv.slice(2);
const profile = JSON.parse(readFileSync(file!, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<number, number>();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...self.values()].reduce((a, b) => a + b, 0);

const place = (url: string) => {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1]!;
  if (url.startsWith('node:') || url === '') return url || '(native/gc/idle)';
  return url.replace(/^file:\/\/.*?\/(server|questionnaires|api|reports)\//, '$1/');
};
const frames = new Map<string, number>();
const places = new Map<string, number>();
for (const [id, micros] of self) {
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
  const name = `${functionName || '(anonymous)'} ${place(url)}:${lineNumber + 1}`;
  frames.set(name, (frames.get(name) ?? 0) + micros);
  places.set(place(url), (places.get(place(url)) ?? 0) + micros);
}
const print = (title: string, map: Map<string, number>) => {
  console.log(`\n${title} (of ${(total / 1000).toFixed(0)} ms)`);
  for (const [name, micros] of [...map].sort((a, b) => b[1] - a[1]).slice(0, Number(top))) {
    console.log(`${((100 * micros) / total).toFixed(1).padStart(5)} %  ${name}`);
  }
};
print('self time by frame', frames);
print('self time by package or folder', places);

// With a third argument, who calls the frames of that name (native frames such as `run`, `get`, `writev` tell little alone).
const callee = process.argv[4];
if (callee) {
  const parentOf = new Map<number, ProfileNode>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node);
  const callers = new Map<string, number>();
  for (const [id, micros] of self) {
    const node = byId.get(id)!;
    if (node.callFrame.functionName !== callee) continue;
    const chain: string[] = [];
    for (let p = parentOf.get(id); p && chain.length < 3; p = parentOf.get(p.id)) chain.push(`${p.callFrame.functionName || '(anonymous)'} ${place(p.callFrame.url)}:${p.callFrame.lineNumber + 1}`);
    const name = chain.join(' < ');
    callers.set(name, (callers.get(name) ?? 0) + micros);
  }
  print(`callers of ${callee}`, callers);
}
