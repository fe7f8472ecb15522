/** The next-steps checklist and the re-check link with its QR code. */
import type { Partner } from '../../questionnaires/engine/index.ts';
import { fillTemplate, sanitizeLine } from '../report-text.ts';
import type { Context, ReportInput } from './context.ts';
import type { DimensionModel } from './dimension.ts';
import { figureQrAlt } from './figures.ts';
import type { RecommendationModel } from './highlights.ts';
import type { PartnerModel, ReferralsSection, WorkshopModel } from './referrals.ts';

export interface NextStepsModel {
  heading: string;
  intro: string;
  items: string[];
  retake: { heading: string; text: string; url: string; qrCaption: string; qrAlt: string } | null;
}

/** What to do with a partner, in words that fit it: a talk with someone nearby, a look at a programme. */
function partnerStep(context: Context, partner: PartnerModel, kind: Partner['kind']): string {
  const { t } = context;
  if (kind === 'funding-programme') return fillTemplate(t.nextSteps.partnerFunding, { name: partner.name });
  return fillTemplate(partner.nationwide ? t.nextSteps.partnerNational : t.nextSteps.partner, { name: partner.name });
}

export function buildNextSteps(
  context: Context,
  input: ReportInput,
  actionFields: DimensionModel[],
  recommendations: RecommendationModel[],
  workshops: WorkshopModel[],
  partners: PartnerModel[],
  beyond: ReferralsSection['beyond'],
): NextStepsModel {
  const { t } = context;
  const items = [context.solo ? t.nextSteps.discussSolo : t.nextSteps.discuss];
  const focus = actionFields[0];
  if (focus && focus.nextStep) items.push(fillTemplate(t.nextSteps.focus, { dimension: focus.title, nextStep: focus.nextStep }));
  for (const r of recommendations.slice(0, 2)) items.push(fillTemplate(t.nextSteps.recommendation, { title: r.title }));
  const workshop = workshops[0];
  if (workshop) items.push(fillTemplate(t.nextSteps.workshop, { title: workshop.title, when: workshop.when }));
  if (beyond?.adviser) items.push(fillTemplate(t.nextSteps.beyond, { name: beyond.adviser.name }));
  else {
    // Someone nearby to talk to comes first; a nationwide programme is something to look into.
    const partner = partners.find((p) => !p.nationwide) ?? partners[0];
    const kind = partner && input.result.referrals.partners.find((r) => r.partner.id === partner.id)?.partner.kind;
    if (partner && kind) items.push(partnerStep(context, partner, kind));
  }
  const ask = input.askUrl ? sanitizeLine(input.askUrl, 500) : '';
  if (/^https?:\/\/\S+$/.test(ask) && (workshops.length || partners.length)) items.push(fillTemplate(t.nextSteps.ask, { url: ask }));
  items.push(t.nextSteps.retake);
  const url = input.retakeUrl ? sanitizeLine(input.retakeUrl, 500) : '';
  return {
    heading: t.nextSteps.heading,
    intro: t.nextSteps.intro,
    items,
    retake: /^https?:\/\/\S+$/.test(url)
      ? { heading: t.nextSteps.retakeHeading, text: t.nextSteps.retakeText, url, qrCaption: t.nextSteps.qrCaption, qrAlt: figureQrAlt(context, url) }
      : null,
  };
}
