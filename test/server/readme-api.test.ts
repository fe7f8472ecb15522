/** The README's table of problem codes is the codes module, row for row: a new code is documented or this fails. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROBLEM_CODES } from '../../api/problem-codes.ts';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('README: the API section', () => {
  it('lists every problem code with its status and title', () => {
    const rows = [...readme.matchAll(/^\| `([a-z][a-z.-]*)` \| (\d{3}) \| (.+) \|$/gm)].map(([, code, status, title]) => ({ code, status: Number(status), title: title!.replace(/\\\|/g, '|') }));
    expect(rows).toEqual(Object.entries(PROBLEM_CODES).map(([code, { status, title }]) => ({ code, status, title })));
  });

  it('names every configuration variable the server reads', () => {
    const config = readFileSync(new URL('../../server/config.ts', import.meta.url), 'utf8');
    const read = new Set([...config.matchAll(/(?:env\.|'|")((?:PROCHECK|LOG)_[A-Z_]+)/g)].map((m) => m[1]!));
    for (const name of read) expect(readme, name).toContain(`\`${name}\``);
  });
});
