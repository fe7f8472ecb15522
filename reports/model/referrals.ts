/**
 * The referrals page: upcoming workshops and the partners that fit the
 * business's fields of action, regional first, then nationwide; and an honest
 * word when the catalogue has nothing more advanced or the postcode lies
 * outside the chamber's area.
 */
import type { Partner, ScoredResult } from '../../questionnaires/engine/index.ts';
import { fillTemplate, formatLocalDateTime, sanitizeBlock, sanitizeLine } from '../report-text.ts';
import type { Context, LabelledValue, ReportInput } from './context.ts';

export interface LinkModel {
  label: string;
  text: string;
  url: string;
}

export interface WorkshopModel {
  id: string;
  /** For a calendar-style badge: „8“, „Dez.“, „2026“. */
  badge: { day: string; month: string; year: string };
  title: string;
  summary: string | null;
  format: string;
  when: string;
  place: string;
  online: boolean;
  provider: string;
  fee: string | null;
  fits: string;
  registration: LinkModel;
}

export interface PartnerModel {
  id: string;
  name: string;
  /** Serves every region: listed under the nationwide heading, never "in Ihrer Nähe". */
  nationwide: boolean;
  kind: string;
  offer: string;
  fits: string;
  person: LabelledValue | null;
  phone: LabelledValue | null;
  links: LinkModel[];
}

export interface ReferralsSection {
  heading: string;
  intro: string;
  /** Where the postcode lies: in the region, outside the chamber's area, or not given. */
  area: 'inside' | 'outside' | 'unknown';
  workshopsHeading: string;
  noWorkshops: string;
  /** Nothing more advanced in the catalogue for this business: said honestly, with whom to ask. */
  beyond: { text: string; adviser: PartnerModel | null } | null;
  partnersHeading: string;
  /** Headings of the partners in the region and of those serving everywhere („bundesweit“). */
  regionalPartnersHeading: string;
  nationalPartnersHeading: string;
  noPartners: string;
  providerLabel: string;
  feeLabel: string;
}

function workshopWhen(context: Context, start: string, end: string | undefined): string {
  const { t } = context;
  const from = formatLocalDateTime(start, t.intlLocale);
  if (!end) return fillTemplate(t.referrals.dateSingle, { date: from.date, start: from.time });
  const to = formatLocalDateTime(end, t.intlLocale);
  if (to.day === from.day) return fillTemplate(t.referrals.dateRange, { date: from.date, start: from.time, end: to.time });
  return fillTemplate(t.referrals.dateSpan, { start: `${from.date}, ${from.time}`, end: `${to.date}, ${to.time}` });
}

export function buildWorkshops(context: Context, result: ScoredResult, titles: Map<string, string>): WorkshopModel[] {
  const { t } = context;
  return result.referrals.workshops.map(({ workshop, dimension }) => {
    const title = context.line(workshop.title, 200);
    const url = sanitizeLine(workshop.registrationUrl, 500);
    const start = formatLocalDateTime(workshop.start, t.intlLocale);
    return {
      id: workshop.id,
      badge: { day: start.dayOfMonth, month: start.monthShort, year: start.year },
      title,
      summary: workshop.summary ? sanitizeBlock(context.text(workshop.summary), 2000) : null,
      format: t.referrals.formats[workshop.format],
      when: workshopWhen(context, workshop.start, workshop.end),
      place: workshop.online || !workshop.place ? t.referrals.online : context.line(workshop.place, 300),
      online: workshop.online,
      provider: context.line(workshop.provider, 200),
      fee: workshop.fee ? context.line(workshop.fee, 200) : null,
      fits: fillTemplate(t.referrals.fits, { dimension: titles.get(dimension) ?? dimension }),
      registration: { label: t.referrals.register, text: url, url },
    };
  });
}

function buildPartner(context: Context, partner: Partner, fits: string, nationwide: boolean): PartnerModel {
  const { t } = context;
  const { contact } = partner;
  const links: LinkModel[] = [];
  if (contact.email) {
    const email = sanitizeLine(contact.email, 254);
    links.push({ label: t.referrals.email, text: email, url: `mailto:${email}` });
  }
  if (contact.url) {
    const url = sanitizeLine(contact.url, 500);
    links.push({ label: t.referrals.web, text: url, url });
  }
  const phone = contact.phone ? sanitizeLine(contact.phone, 50) : '';
  const person = contact.person ? context.line(contact.person, 200) : '';
  return {
    id: partner.id,
    name: context.line(partner.name, 200),
    nationwide,
    kind: t.referrals.partnerKinds[partner.kind],
    offer: sanitizeBlock(context.text(partner.offer), 3000),
    fits,
    person: person ? { label: t.referrals.person, value: person } : null,
    phone: phone ? { label: t.referrals.phone, value: phone } : null,
    links,
  };
}

/** Regional partners first, then those serving everywhere, each group in the engine's order. */
export function buildPartners(context: Context, result: ScoredResult, titles: Map<string, string>): PartnerModel[] {
  const { t } = context;
  const partners = result.referrals.partners.map(({ partner, dimension, nationwide }) =>
    buildPartner(context, partner, fillTemplate(t.referrals.fits, { dimension: titles.get(dimension) ?? dimension }), nationwide ?? partner.regions.length === 0),
  );
  return [...partners.filter((p) => !p.nationwide), ...partners.filter((p) => p.nationwide)];
}


/** Where the business is, as the engine matched its postcode: the region's name and whether it lies inside the area. */
export function referralPlace(context: Context, result: ScoredResult): { region: string | null; area: ReferralsSection['area'] } {
  const { referrals } = result;
  return {
    region: referrals.region ? context.line(referrals.region.name, 120) : null,
    area: referrals.area ?? (referrals.region ? 'inside' : 'unknown'),
  };
}

function referralsIntro(context: Context, input: ReportInput, region: string | null, area: ReferralsSection['area']): string {
  const { t } = context;
  if (area === 'outside') {
    return fillTemplate(t.referrals.introOutside, {
      postcode: input.profile.postcode ? sanitizeLine(input.profile.postcode, 10) : '',
      regions: input.result.referrals.servedRegions.map((name) => context.line(name, 120)).join(', '),
    });
  }
  return region ? fillTemplate(t.referrals.introRegion, { region }) : t.referrals.intro;
}

export function buildReferralsSection(context: Context, input: ReportInput): ReferralsSection {
  const { t } = context;
  const { referrals } = input.result;
  const { region, area } = referralPlace(context, input.result);
  const adviser = referrals.adviser ? buildPartner(context, referrals.adviser, '', referrals.adviser.regions.length === 0) : null;
  const beyond = referrals.beyondCatalogue
    ? { text: adviser ? fillTemplate(t.referrals.beyondAdviser, { name: adviser.name }) : t.referrals.beyond, adviser }
    : null;
  return {
    heading: t.referrals.heading,
    intro: referralsIntro(context, input, region, area),
    area,
    workshopsHeading: t.referrals.workshopsHeading,
    noWorkshops: t.referrals.noWorkshops,
    beyond,
    partnersHeading: t.referrals.partnersHeading,
    regionalPartnersHeading: region ? fillTemplate(t.referrals.regionalPartnersHeading, { region }) : t.referrals.partnersHeading,
    nationalPartnersHeading: t.referrals.nationalPartnersHeading,
    noPartners: t.referrals.noPartners,
    providerLabel: t.referrals.provider,
    feeLabel: t.referrals.fee,
  };
}
