import type { PreparedQuestionnaire, ScoredResult } from '../../../questionnaires/engine/index.ts';
import type { MessageKey, Translator } from '../../state/i18n.ts';

/** Workshops and regional partners the engine chose for the business's biggest gaps. */
export function Referrals({ result, prepared, i18n }: { result: ScoredResult; prepared: PreparedQuestionnaire; i18n: Translator }) {
  const { workshops, partners, region } = result.referrals;
  const area = (id: string) => i18n.text(prepared.dimensionById.get(id)?.shortTitle ?? prepared.dimensionById.get(id)?.title);
  return (
    <>
      <section class="result__section" aria-labelledby="workshops-title">
        <h2 id="workshops-title">{i18n.t('result.workshopsTitle')}</h2>
        {workshops.length === 0 ? (
          <p>{i18n.t('result.noWorkshops')}</p>
        ) : (
          <ul class="referrals">
            {workshops.map(({ workshop, dimension }) => (
              <li key={workshop.id} class="card referral">
                <p class="referral__meta">
                  <span class="tag">{i18n.t(`workshopFormat.${workshop.format}` as MessageKey)}</span>
                  <span class="tag tag--area">{area(dimension)}</span>
                </p>
                <h3 class="card__title">{i18n.text(workshop.title)}</h3>
                {workshop.summary ? <p>{i18n.text(workshop.summary)}</p> : null}
                <dl class="facts-list">
                  <dt>{i18n.t('result.when')}</dt>
                  <dd>{i18n.date(workshop.start, true)}</dd>
                  <dt>{i18n.t('result.where')}</dt>
                  <dd>{workshop.online ? i18n.t('result.online') : i18n.text(workshop.place)}</dd>
                  <dt>{i18n.t('result.provider')}</dt>
                  <dd>{i18n.text(workshop.provider)}</dd>
                  {workshop.fee ? (
                    <>
                      <dt>{i18n.t('result.fee')}</dt>
                      <dd>{i18n.text(workshop.fee)}</dd>
                    </>
                  ) : null}
                </dl>
                <a class="button" href={workshop.registrationUrl} target="_blank" rel="noopener noreferrer">
                  {i18n.t('result.register')}
                  <span class="visually-hidden">: {i18n.text(workshop.title)} ({i18n.t('result.newTab')})</span>
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section class="result__section" aria-labelledby="partners-title">
        <h2 id="partners-title">{i18n.t('result.partnersTitle')}</h2>
        <p>{region ? i18n.t('result.partnersRegion', { region: i18n.text(region.name) }) : i18n.t('result.partnersNoRegion')}</p>
        {partners.length === 0 ? null : (
          <ul class="referrals">
            {partners.map(({ partner, dimension }) => (
              <li key={partner.id} class="card referral">
                <p class="referral__meta">
                  <span class="tag">{i18n.t(`partnerKind.${partner.kind}` as MessageKey)}</span>
                  <span class="tag tag--area">{area(dimension)}</span>
                </p>
                <h3 class="card__title">{i18n.text(partner.name)}</h3>
                <p>{i18n.text(partner.offer)}</p>
                <ul class="contact">
                  {partner.contact.person ? <li>{i18n.text(partner.contact.person)}</li> : null}
                  {partner.contact.phone ? (
                    <li>
                      <a href={`tel:${partner.contact.phone.replace(/[^+\d]/g, '')}`}>{partner.contact.phone}</a>
                    </li>
                  ) : null}
                  {partner.contact.email ? (
                    <li>
                      <a href={`mailto:${partner.contact.email}`}>{partner.contact.email}</a>
                    </li>
                  ) : null}
                  {partner.contact.url ? (
                    <li>
                      <a href={partner.contact.url} target="_blank" rel="noopener noreferrer">
                        {i18n.t('result.website')}
                        <span class="visually-hidden">: {i18n.text(partner.name)} ({i18n.t('result.newTab')})</span>
                      </a>
                    </li>
                  ) : null}
                </ul>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
