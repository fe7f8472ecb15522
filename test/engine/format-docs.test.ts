import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkQuestionnaire, checkTopics } from '../../questionnaires/engine/index.ts';
import { shippedDefinitions } from '../helpers/shipped.ts';

const doc = readFileSync(new URL('../../docs/questionnaire-format.md', import.meta.url), 'utf8');

describe('docs/questionnaire-format.md', () => {
  it('its complete example passes every check against the shipped catalogue', () => {
    const example = doc.split('## A small complete example')[1]!.match(/```json\n([\s\S]*?)\n```/)![1]!;
    const result = checkQuestionnaire(JSON.parse(example));
    expect(result.ok ? [] : result.issues).toEqual([]);
    if (result.ok) expect(checkTopics(result.value, shippedDefinitions().catalogue)).toEqual([]);
  });
});
