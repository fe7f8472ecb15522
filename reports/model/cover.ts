/** The cover: whose report it is, the facts of the check, and who publishes it. */
import { fillTemplate, sanitizeLine } from '../report-text.ts';
import { employeesLabel, tradeLabel, type Context, type LabelledValue, type ReportInput } from './context.ts';

export interface CoverModel {
  kicker: string;
  title: string;
  company: string;
  facts: LabelledValue[];
  operatorLabel: string;
  operator: string;
  confidential: string;
}

export interface CoverPlace {
  /** The region's name, when the postcode lies in one. */
  region: string | null;
  area: 'inside' | 'outside' | 'unknown';
}

function coverFacts(context: Context, input: ReportInput, place: CoverPlace, date: string): LabelledValue[] {
  const { t } = context;
  const { questionnaire } = input;
  const facts: LabelledValue[] = [];
  const trade = tradeLabel(context, questionnaire, input.profile.trade);
  if (trade) facts.push({ label: t.cover.trade, value: trade });
  const employees = employeesLabel(context, questionnaire, input.profile.employees);
  if (employees) facts.push({ label: t.cover.employees, value: employees });
  const postcode = input.profile.postcode ? sanitizeLine(input.profile.postcode, 10) : '';
  if (postcode) facts.push({ label: t.cover.postcode, value: postcode });
  if (place.region) facts.push({ label: t.cover.region, value: place.region });
  else if (place.area === 'outside') facts.push({ label: t.cover.region, value: t.cover.outsideArea });
  facts.push({ label: t.cover.date, value: date });
  facts.push({
    label: t.cover.questionnaire,
    value: fillTemplate(t.cover.questionnaireLine, { title: context.line(questionnaire.title, 200), version: questionnaire.version }),
  });
  return facts;
}

export function buildCover(context: Context, input: ReportInput, place: CoverPlace, date: string): CoverModel {
  const { t } = context;
  const companyName = input.profile.companyName ? sanitizeLine(input.profile.companyName, 120) : '';
  const operator = sanitizeLine(input.operator, 200);
  return {
    kicker: t.cover.kicker,
    title: t.cover.title,
    company: companyName || t.cover.unnamedCompany,
    facts: coverFacts(context, input, place, date),
    operatorLabel: t.cover.operator,
    operator,
    confidential: t.cover.confidential,
  };
}
