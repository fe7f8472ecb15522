import type { PreparedQuestionnaire, ScoredResult } from '../../../questionnaires/engine/index.ts';
import type { Translator } from '../../state/i18n.ts';
import { highlightsView, type AreaView } from './result-view.ts';

function Area({ area, i18n, next }: { area: AreaView; i18n: Translator; next: boolean }) {
  return (
    <li class="card focus">
      <h3 class="card__title">{area.title}</h3>
      <p class="focus__score">{area.scoreLine}</p>
      <p>{area.status}</p>
      {next ? (
        <p class="focus__next">
          <strong>{i18n.t('result.nextStep')}</strong> {area.nextStep}
        </p>
      ) : null}
    </li>
  );
}

/**
 * Strengths and "where you gain most": the engine's one rule, the same areas
 * the PDF names. With no strength yet the business reads why, kindly.
 */
export function Highlights({ result, prepared, i18n }: { result: ScoredResult; prepared: PreparedQuestionnaire; i18n: Translator }) {
  const view = highlightsView(result, prepared, i18n);
  return (
    <>
      <section class="result__section" aria-labelledby="strengths-title">
        <h2 id="strengths-title">{i18n.t('result.strengthsTitle')}</h2>
        {view.noStrengths ? (
          <p class="strengths__none">{view.noStrengths}</p>
        ) : (
          <>
            <p>{view.strengthsText}</p>
            <ul class="focus-list" aria-labelledby="strengths-title">
              {view.strengths.map((area) => (
                <Area key={area.id} area={area} i18n={i18n} next={false} />
              ))}
            </ul>
          </>
        )}
      </section>
      <section class="result__section" aria-labelledby="focus-title">
        <h2 id="focus-title">{i18n.t('result.focusTitle')}</h2>
        <p>{view.noActionFields ?? i18n.t('result.focusText')}</p>
        <ul class="focus-list" aria-labelledby="focus-title">
          {view.actionFields.map((area) => (
            <Area key={area.id} area={area} i18n={i18n} next />
          ))}
        </ul>
        {view.others.length ? (
          <details class="more">
            <summary>{i18n.t('result.otherAreas')}</summary>
            <ul class="focus-list">
              {view.others.map((area) => (
                <Area key={area.id} area={area} i18n={i18n} next />
              ))}
            </ul>
          </details>
        ) : null}
      </section>
    </>
  );
}
