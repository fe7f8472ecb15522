/** The questionnaires and catalogue that ship in this repository, loaded as the server loads them. */
import type { Catalogue, PreparedQuestionnaire } from '../../questionnaires/engine/index.ts';
import {
  DEFAULT_CATALOGUE_DIR,
  DEFAULT_DEFINITIONS_DIR,
  loadCatalogue,
  loadQuestionnaires,
} from '../../server/definitions/load-definitions.ts';

export function shippedDefinitions(): { catalogue: Catalogue; questionnaires: PreparedQuestionnaire[] } {
  const catalogue = loadCatalogue(DEFAULT_CATALOGUE_DIR);
  return { catalogue, questionnaires: loadQuestionnaires(DEFAULT_DEFINITIONS_DIR, catalogue) };
}

export function handwerkDigital(): { catalogue: Catalogue; prepared: PreparedQuestionnaire } {
  const { catalogue, questionnaires } = shippedDefinitions();
  const prepared = questionnaires.find((q) => q.definition.id === 'handwerk-digital' && q.definition.version === '1.0.0');
  if (!prepared) throw new Error('handwerk-digital 1.0.0 is not shipped');
  return { catalogue, prepared };
}
