/** The released questionnaires in memory: lookup by id and version, latest version per id. */
import type { PreparedQuestionnaire } from '../../questionnaires/engine/index.ts';

export interface QuestionnaireSummary {
  id: string;
  version: string;
  title: { de: string; en?: string };
  hash: string;
}

const semverParts = (version: string) => version.split('.').map(Number) as [number, number, number];

export function compareVersions(a: string, b: string): number {
  const [x, y] = [semverParts(a), semverParts(b)];
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
}

export function createQuestionnaireRegistry(loaded: readonly PreparedQuestionnaire[]) {
  const byKey = new Map(loaded.map((q) => [`${q.definition.id}@${q.definition.version}`, q]));
  const sorted = [...loaded].sort((a, b) => a.definition.id.localeCompare(b.definition.id) || compareVersions(a.definition.version, b.definition.version));
  return {
    list(): QuestionnaireSummary[] {
      return sorted.map((q) => ({ id: q.definition.id, version: q.definition.version, title: q.definition.title, hash: q.hash }));
    },
    get(id: string, version: string): PreparedQuestionnaire | undefined {
      return byKey.get(`${id}@${version}`);
    },
    all(): readonly PreparedQuestionnaire[] {
      return sorted;
    },
    latest(id: string): PreparedQuestionnaire | undefined {
      return sorted.filter((q) => q.definition.id === id).at(-1);
    },
  };
}

export type QuestionnaireRegistry = ReturnType<typeof createQuestionnaireRegistry>;
