import type { Partner, PartnerReferral, PreparedQuestionnaire, ScoredResult } from '../../../questionnaires/engine/index.ts';
import { Notice } from '../../components/notice/notice.tsx';
import type { MessageKey, Translator } from '../../state/i18n.ts';
import { AskButtons } from './ask-for-help.tsx';

/**
 * Workshops and partners the engine chose for the business's fields of action:
 * in its region or online, national ones headed as such, an honest word when
 * the postcode lies outside the chamber's area or nothing more advanced is on offer.
 */
export function Referrals({ result, prepared, i18n, postcode }: { result: ScoredResult; prepared: PreparedQuestionnaire; i18n: Translator; postcode?: string }) {
  const { workshops, partners, region } = result.referrals;
  const area = (id: string) => i18n.text(prepared.dimensionById.get(id)?.shortTitle ?? prepared.dimensionById.get(id)?.title);
  // Results stored before these fields existed: the region alone tells what is known.
  const where = result.referrals.area ?? (region ? 'inside' : 'unknown');
  const nationwide = (r: PartnerReferral) => r.nationwide ?? r.partner.regions.length === 0;
  const regional = partners.filter((r) => !nationwide(r));
  const national = partners.filter(nationwide);
  const adviser = result.referrals.adviser ?? null;
  return (
    <>
      {where === 'outside' ? (
        <Notice>
          {i18n.t('result.outsideArea', {
            postcode: postcode ?? '',
            regions: (result.referrals.servedRegions ?? []).map((name) => i18n.text(name)).join(', '),
          })}
        </Notice>
      ) : null}
      <section class="result__section" aria-labelledby="workshops-title">
        <h2 id="workshops-title">{i18n.t('result.workshopsTitle')}</h2>
        {result.referrals.beyondCatalogue ? (
          <div class="card beyond">
            <p>{adviser ? i18n.t('result.beyondCatalogueAdviser', { name: i18n.text(adviser.name) }) : i18n.t('result.beyondCatalogue')}</p>
            {adviser ? <Contact partner={adviser} i18n={i18n} /> : null}
          </div>
        ) : workshops.length === 0 ? (
          <p>{i18n.t('result.noWorkshops')}</p>
        ) : null}
        {workshops.length ? (
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
                <AskButtons offerKind="workshop" offerId={workshop.id} title={i18n.text(workshop.title)} i18n={i18n} />
              </li>
            ))}
          </ul>
        ) : null}
      </section>

      <section class="result__section" aria-labelledby="partners-title">
        <h2 id="partners-title">{i18n.t('result.partnersTitle')}</h2>
        {partners.length === 0 ? <p>{i18n.t('result.noPartners')}</p> : null}
        {regional.length ? (
          <>
            <h3 class="referrals__group">{region ? i18n.t('result.partnersRegion', { region: i18n.text(region.name) }) : i18n.t('result.partnersTitle')}</h3>
            <PartnerList partners={regional} area={area} i18n={i18n} />
          </>
        ) : null}
        {national.length ? (
          <>
            <h3 class="referrals__group">{i18n.t('result.partnersNational')}</h3>
            <PartnerList partners={national} area={area} i18n={i18n} />
          </>
        ) : null}
      </section>
    </>
  );
}

function PartnerList({ partners, area, i18n }: { partners: PartnerReferral[]; area: (id: string) => string; i18n: Translator }) {
  return (
    <ul class="referrals">
      {partners.map(({ partner, dimension }) => (
        <li key={partner.id} class="card referral">
          <p class="referral__meta">
            <span class="tag">{i18n.t(`partnerKind.${partner.kind}` as MessageKey)}</span>
            <span class="tag tag--area">{area(dimension)}</span>
          </p>
          <h4 class="card__title">{i18n.text(partner.name)}</h4>
          <p>{i18n.text(partner.offer)}</p>
          <Contact partner={partner} i18n={i18n} />
          <AskButtons offerKind="partner" offerId={partner.id} title={i18n.text(partner.name)} i18n={i18n} />
        </li>
      ))}
    </ul>
  );
}

function Contact({ partner, i18n }: { partner: Partner; i18n: Translator }) {
  const { contact } = partner;
  return (
    <ul class="contact">
      {contact.person ? <li>{i18n.text(contact.person)}</li> : null}
      {contact.phone ? (
        <li>
          <a href={`tel:${contact.phone.replace(/[^+\d]/g, '')}`}>{contact.phone}</a>
        </li>
      ) : null}
      {contact.email ? (
        <li>
          <a href={`mailto:${contact.email}`}>{contact.email}</a>
        </li>
      ) : null}
      {contact.url ? (
        <li>
          <a href={contact.url} target="_blank" rel="noopener noreferrer">
            {i18n.t('result.website')}
            <span class="visually-hidden">: {i18n.text(partner.name)} ({i18n.t('result.newTab')})</span>
          </a>
        </li>
      ) : null}
    </ul>
  );
}
