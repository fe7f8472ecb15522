/**
 * The referrals page: upcoming workshops as a table (date badge, details with
 * the registration link), then partners in the region and nationwide, each
 * with contact lines and links; an honest box when nothing more advanced is
 * on offer.
 */
import type { LabelledValue } from '../model/context.ts';
import type { LinkModel, PartnerModel, ReferralsSection, WorkshopModel } from '../model/referrals.ts';
import type { ReportLayout } from './primitives/layout.ts';
import { BOTTOM, COLOR, CONTENT_WIDTH, MARGIN, STYLE } from './primitives/style.ts';
import { dataCell, headerCell, table, tableRow } from './primitives/table.ts';

const BADGE = 54;

function linkLine(link: LinkModel): string {
  return `${link.label}: ${link.text}`;
}

function workshopPlaceLine(layout: ReportLayout, w: WorkshopModel): string {
  const { referralsSection } = layout.model;
  return [w.place, `${referralsSection.providerLabel}: ${w.provider}`, ...(w.fee ? [`${referralsSection.feeLabel}: ${w.fee}`] : [])].join(' · ');
}

function workshopHeight(layout: ReportLayout, w: WorkshopModel, width: number): number {
  const text =
    layout.height(w.title, STYLE.h3, width) +
    3 +
    layout.height(`${w.format} · ${w.when}`, STYLE.smallStrong, width) +
    layout.height(workshopPlaceLine(layout, w), STYLE.small, width) +
    (w.summary ? 4 + layout.height(w.summary, STYLE.body, width) : 0) +
    4 +
    layout.height(linkLine(w.registration), STYLE.link, width) +
    2 +
    layout.height(w.fits, STYLE.tiny, width);
  return Math.max(text, BADGE) + 18;
}

/** The calendar badge: the row's header cell, day, month and year as three short paragraphs. */
function drawBadge(layout: ReportLayout, w: WorkshopModel, top: number): void {
  layout.decor((doc) => doc.roundedRect(MARGIN.left, top, BADGE, BADGE, 3).fill(COLOR.primary));
  headerCell(layout, 'Row', () => {
    const badge = { x: MARGIN.left, width: BADGE, align: 'center' as const };
    layout.write(w.badge.day, { font: 'bold', size: 20, color: COLOR.white }, { ...badge, y: top + 7 });
    layout.write(w.badge.month, { font: 'bold', size: 8, color: COLOR.white }, { ...badge, y: layout.y - 1 });
    layout.write(w.badge.year, { font: 'regular', size: 7, color: '#C9D6E3' }, { ...badge, y: layout.y });
  });
}

function drawWorkshop(layout: ReportLayout, w: WorkshopModel): void {
  const x = MARGIN.left + BADGE + 16;
  const width = CONTENT_WIDTH - BADGE - 16;
  layout.ensure(Math.min(workshopHeight(layout, w, width), BOTTOM - MARGIN.top));
  const start = layout.mark();
  const top = start.y;
  tableRow(layout, () => {
    drawBadge(layout, w, top);
    dataCell(layout, () => {
      layout.write(w.title, STYLE.h3, { x, y: top - 1, width, tag: 'H3' });
      layout.write(`${w.format} · ${w.when}`, { ...STYLE.smallStrong, color: COLOR.primary }, { x, y: layout.y + 3, width });
      layout.write(workshopPlaceLine(layout, w), STYLE.small, { x, width });
      if (w.summary) layout.write(w.summary, STYLE.body, { x, y: layout.y + 4, width });
      layout.write(linkLine(w.registration), STYLE.link, { x, y: layout.y + 4, width, link: w.registration.url });
      layout.write(w.fits, STYLE.tiny, { x, y: layout.y + 2, width });
    });
  });
  layout.y = (start.page === layout.pageIndex ? Math.max(layout.y, top + BADGE) : layout.y) + 18;
}

function contactLines(p: PartnerModel): string[] {
  return contacts(p).map((line) => `${line.label}: ${line.value}`);
}

function contacts(p: PartnerModel): LabelledValue[] {
  return [p.person, p.phone].flatMap((line) => (line ? [line] : []));
}

function partnerHeight(layout: ReportLayout, p: PartnerModel, width: number): number {
  let height = layout.labelHeight(p.kind, width) + 3 + layout.height(p.name, STYLE.h3, width) + 4 + layout.height(p.offer, STYLE.body, width) + 6;
  for (const line of contactLines(p)) height += layout.height(line, STYLE.small, width);
  for (const link of p.links) height += layout.height(linkLine(link), STYLE.link, width);
  return height + 2 + layout.height(p.fits, STYLE.tiny, width) + 18;
}

function drawPartner(layout: ReportLayout, p: PartnerModel): void {
  const x = MARGIN.left + 16;
  const width = CONTENT_WIDTH - 16;
  layout.ensure(Math.min(partnerHeight(layout, p, width), BOTTOM - MARGIN.top));
  const start = layout.mark();
  // The kind („Förderprogramm“) is read with the name, as one heading.
  layout.tags.element('H3', {}, () => {
    layout.label(p.kind, { x, y: start.y, width });
    layout.write(p.name, STYLE.h3, { x, y: layout.y + 3, width });
  });
  layout.write(p.offer, STYLE.body, { x, y: layout.y + 4, width });
  layout.gap(6);
  // Person, phone, links and what the offer fits: one paragraph of details.
  layout.tags.element('P', {}, () => {
    for (const line of contacts(p)) layout.labelled(line.label, line.value, STYLE.small, { x, width });
    for (const link of p.links) layout.write(linkLine(link), STYLE.link, { x, width, link: link.url });
    layout.write(p.fits, STYLE.tiny, { x, y: layout.y + 2, width });
  });
  layout.sideRule(start, MARGIN.left, 3, COLOR.accent);
  layout.gap(18);
}

/** "Nothing more advanced in the catalogue right now", in a tinted box with the adviser to ask. */
function drawBeyond(layout: ReportLayout, beyond: NonNullable<ReferralsSection['beyond']>): void {
  const width = CONTENT_WIDTH - 32;
  const { adviser } = beyond;
  const lines = adviser ? contactLines(adviser) : [];
  const adviserHeight = adviser
    ? 6 + layout.height(adviser.name, STYLE.h3, width) + lines.reduce((sum, line) => sum + layout.height(line, STYLE.small, width), 0) + adviser.links.reduce((sum, link) => sum + layout.height(linkLine(link), STYLE.link, width), 0)
    : 0;
  const height = layout.height(beyond.text, STYLE.body, width) + adviserHeight + 24;
  layout.ensure(height + 8);
  const top = layout.y;
  layout.decor((doc) => {
    doc.roundedRect(MARGIN.left, top, CONTENT_WIDTH, height, 3).fill(COLOR.tint);
    doc.rect(MARGIN.left, top, 3, height).fill(COLOR.primary);
  });
  const x = MARGIN.left + 16;
  layout.write(beyond.text, STYLE.body, { x, y: top + 12, width });
  if (adviser) {
    layout.write(adviser.name, STYLE.h3, { x, y: layout.y + 6, width, tag: 'H3' });
    for (const line of contacts(adviser)) layout.labelled(line.label, line.value, STYLE.small, { x, width });
    for (const link of adviser.links) layout.write(linkLine(link), STYLE.link, { x, width, link: link.url });
  }
  layout.y = top + height + 16;
}

function drawPartners(layout: ReportLayout): void {
  const { model } = layout;
  const section = model.referralsSection;
  if (model.partners.length === 0) {
    layout.subheading(section.partnersHeading, 110);
    layout.write(section.noPartners, STYLE.body);
    layout.gap(16);
  }
  // A group's heading stays with its first partner: never alone at the foot of a page.
  const group = (heading: string, partners: PartnerModel[]) => {
    if (partners.length === 0) return;
    layout.subheading(heading, Math.min(partnerHeight(layout, partners[0]!, CONTENT_WIDTH - 16), BOTTOM - MARGIN.top - 60));
    for (const p of partners) drawPartner(layout, p);
  };
  group(section.regionalPartnersHeading, model.partners.filter((p) => !p.nationwide));
  group(section.nationalPartnersHeading, model.partners.filter((p) => p.nationwide));
}

export function drawReferrals(layout: ReportLayout): void {
  const { model } = layout;
  const section = model.referralsSection;
  layout.heading(section.heading, section.intro, 150);
  layout.subheading(section.workshopsHeading, 90);
  if (model.workshops.length === 0) {
    layout.write(section.noWorkshops, STYLE.body);
    layout.gap(16);
  } else {
    table(layout, () => {
      for (const w of model.workshops) drawWorkshop(layout, w);
    });
  }
  if (section.beyond) drawBeyond(layout, section.beyond);
  layout.gap(8);
  drawPartners(layout);
}
