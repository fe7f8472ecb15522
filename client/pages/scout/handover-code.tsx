import { Fragment } from 'preact';
import { useI18n } from '../../app-context.ts';

/** The business's resume code, large and grouped, to read out, copy down or photograph on the spot. */
export function HandoverCode({ code }: { code: string | null }) {
  const i18n = useI18n();
  return (
    <section class="card handover" aria-labelledby="handover-title">
      <h2 class="card__title" id="handover-title">
        {i18n.t('scout.codeTitle')}
      </h2>
      {code ? (
        <>
          <p class="handover__code" translate={false}>
            {/* Lines break only between the groups of four, never inside one. */}
            {code.split('-').map((group, i, groups) => (
              <Fragment key={i}>
                <span class="handover__group">
                  {group}
                  {i < groups.length - 1 ? '-' : ''}
                </span>
                <wbr />
              </Fragment>
            ))}
          </p>
          <p>{i18n.t('scout.codeText')}</p>
        </>
      ) : (
        <p>{i18n.t('scout.codeGone')}</p>
      )}
    </section>
  );
}
