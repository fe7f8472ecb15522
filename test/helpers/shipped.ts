/** The questionnaires and catalogue that ship in this repository, loaded as the server loads them. */
import type { Catalogue, PreparedQuestionnaire } from '../../questionnaires/engine/index.ts';
import {
  DEFAULT_CATALOGUE_DIR,
  DEFAULT_DEFINITIONS_DIR,
  loadCatalogue,
  loadQuestionnaires,
} from '../../server/definitions/load-definitions.ts';
import { compareVersions } from '../../server/definitions/questionnaire-registry.ts';

export function shippedDefinitions(): { catalogue: Catalogue; questionnaires: PreparedQuestionnaire[] } {
  const catalogue = loadCatalogue(DEFAULT_CATALOGUE_DIR);
  return { catalogue, questionnaires: loadQuestionnaires(DEFAULT_DEFINITIONS_DIR, catalogue) };
}

/** One released version of handwerk-digital (1.0.0 unless asked for another). */
export function handwerkDigital(version = '1.0.0'): { catalogue: Catalogue; prepared: PreparedQuestionnaire } {
  const { catalogue, questionnaires } = shippedDefinitions();
  const prepared = questionnaires.find((q) => q.definition.id === 'handwerk-digital' && q.definition.version === version);
  if (!prepared) throw new Error(`handwerk-digital ${version} is not shipped`);
  return { catalogue, prepared };
}

/** The newest released version of handwerk-digital: the one new checks start on. */
export function latestHandwerkDigital(): { catalogue: Catalogue; prepared: PreparedQuestionnaire } {
  const { catalogue, questionnaires } = shippedDefinitions();
  const versions = questionnaires.filter((q) => q.definition.id === 'handwerk-digital');
  const prepared = versions.sort((a, b) => compareVersions(a.definition.version, b.definition.version)).at(-1);
  if (!prepared) throw new Error('handwerk-digital is not shipped');
  return { catalogue, prepared };
}
