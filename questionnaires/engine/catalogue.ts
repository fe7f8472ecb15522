/**
 * The referral catalogue format: workshops, partners, regions and the topic
 * vocabulary that questionnaires and catalogue share. A chamber keeps the JSON
 * current without touching code; these schemas check it.
 */
import { z } from 'zod';
import { type Issue, type Result, fromZodIssues, issue, prototypeKeyIssues } from './issues.ts';
import { EmailAddress, Id, LocalizedText, type Questionnaire } from './schema.ts';

/**
 * Texts an offer shows: German required, English optional, with a length a
 * card and a PDF line can hold (a 10,000-character title is refused, not cut).
 */
const boundedText = (max: number) =>
  z.strictObject({
    de: z.string().trim().min(1, 'a German text is required').max(max, `must have at most ${max} characters`),
    en: z.string().trim().min(1).max(max, `must have at most ${max} characters`).optional(),
  });
const TitleText = boundedText(300);
const BodyText = boundedText(2000);

export const Topic = z.strictObject({ id: Id, title: TitleText });
export type Topic = z.infer<typeof Topic>;

/** A postcode prefix of 1–5 digits; the longest matching prefix wins. */
const PostcodePrefix = z.string().regex(/^\d{1,5}$/, 'must be 1 to 5 digits');

export const Region = z.strictObject({
  id: Id,
  name: TitleText,
  postcodePrefixes: z.array(PostcodePrefix).min(1),
});
export type Region = z.infer<typeof Region>;

const HttpUrl = z
  .string()
  .max(500, { abort: true })
  .regex(/^https?:\/\/[^\s]+$/, 'must be an http(s) link');

/**
 * A name (organisation, programme, place, contact): one string, or `{ de, en }`
 * when it reads differently in English. Parsed into a `LocalizedText` either way.
 */
const LocalizedName = z
  .union([z.string().trim().min(1).max(300), TitleText])
  .transform((name): LocalizedText => (typeof name === 'string' ? { de: name } : name));

export const Contact = z.strictObject({
  person: LocalizedName.optional(),
  email: EmailAddress.optional(),
  phone: z.string().max(50).optional(),
  url: HttpUrl.optional(),
});
export type Contact = z.infer<typeof Contact>;

/** Local date-time without zone, as printed on a flyer: 2026-12-03T17:00. */
const LocalDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'must be a local date and time such as 2026-12-03T17:00');

/**
 * Whom an offer suits. Each list narrows it; an empty or missing list means
 * everyone. `trades` and `employees` are the questionnaire's profile ids; an
 * offer with either list is never made to a business that has not said. `levels`
 * are level ids and are compared with the level of the dimension whose gap
 * the offer answers — beginners' courses for beginners, depth for the advanced.
 */
export const Audience = z.strictObject({
  trades: z.array(Id).default([]),
  employees: z.array(Id).default([]),
  levels: z.array(Id).default([]),
});
export type Audience = z.infer<typeof Audience>;

const EVERYONE = { trades: [], employees: [], levels: [] };

export const WorkshopFormat = z.enum(['workshop', 'webinar', 'seminar', 'consultation-day', 'course', 'event']);

export const Workshop = z.strictObject({
  id: Id,
  title: TitleText,
  summary: BodyText.optional(),
  topics: z.array(Id).min(1),
  format: WorkshopFormat,
  start: LocalDateTime,
  end: LocalDateTime.optional(),
  /** Where it takes place; absent when `online`. */
  place: LocalizedName.optional(),
  online: z.boolean().default(false),
  /** Region ids it is meant for; empty = open to every region. */
  regions: z.array(Id).default([]),
  audience: Audience.default(EVERYONE),
  provider: LocalizedName,
  registrationUrl: HttpUrl,
  fee: TitleText.optional(),
  /** Seats, if limited; shown to staff beside the number of interested businesses. */
  capacity: z.number().int().min(1).max(100_000).optional(),
});
export type Workshop = z.infer<typeof Workshop>;

export const PartnerKind = z.enum([
  'university',
  'mittelstand-digital',
  'chamber-adviser',
  'business-development',
  'funding-programme',
  'association',
]);
export type PartnerKind = z.infer<typeof PartnerKind>;

export const Partner = z.strictObject({
  id: Id,
  name: LocalizedName,
  kind: PartnerKind,
  topics: z.array(Id).min(1),
  /** Region ids it serves; empty = nationwide. */
  regions: z.array(Id).default([]),
  audience: Audience.default(EVERYONE),
  offer: BodyText,
  contact: Contact,
});
export type Partner = z.infer<typeof Partner>;

export const Catalogue = z.strictObject({
  $schema: z.string().optional(),
  /** Marks invented entries so nobody mistakes them for real contacts. */
  sampleData: z.boolean().default(false),
  operator: z.string().max(200).optional(),
  /**
   * The partner (a chamber adviser) a business is sent to when the catalogue
   * has nothing for its level: named with an honest "nothing more advanced here".
   */
  generalAdviser: Id.optional(),
  topics: z.array(Topic).min(1),
  regions: z.array(Region),
  workshops: z.array(Workshop),
  partners: z.array(Partner),
});
export type Catalogue = z.infer<typeof Catalogue>;
export type CatalogueInput = z.input<typeof Catalogue>;

/** Parses a catalogue and checks what the schema cannot: ids, topics, regions, dates. */
export function checkCatalogue(input: unknown): Result<Catalogue> {
  const protoKeys = prototypeKeyIssues(input);
  if (protoKeys.length) return { ok: false, issues: protoKeys };
  const parsed = Catalogue.safeParse(input);
  if (!parsed.success) return { ok: false, issues: fromZodIssues(parsed.error.issues) };
  const catalogue = parsed.data;
  const issues: Issue[] = [];
  const topicIds = new Set(catalogue.topics.map((t) => t.id));
  const regionIds = new Set(catalogue.regions.map((r) => r.id));
  const unique = (kind: string, ids: string[]) => {
    const seen = new Set<string>();
    ids.forEach((id, i) => {
      if (seen.has(id)) issues.push(issue('duplicate-id', [kind, i, 'id'], `duplicate ${kind} id "${id}"`));
      seen.add(id);
    });
  };
  unique('topics', catalogue.topics.map((t) => t.id));
  unique('regions', catalogue.regions.map((r) => r.id));
  unique('workshops', catalogue.workshops.map((w) => w.id));
  unique('partners', catalogue.partners.map((p) => p.id));
  const references = (kind: 'workshops' | 'partners', entries: readonly { topics: string[]; regions: string[] }[]) =>
    entries.forEach((entry, i) => {
      entry.topics.forEach((t, j) => {
        if (!topicIds.has(t)) issues.push(issue('unknown-topic', [kind, i, 'topics', j], `unknown topic "${t}"`));
      });
      entry.regions.forEach((r, j) => {
        if (!regionIds.has(r)) issues.push(issue('unknown-region', [kind, i, 'regions', j], `unknown region "${r}"`));
      });
    });
  references('workshops', catalogue.workshops);
  references('partners', catalogue.partners);
  catalogue.workshops.forEach((w, i) => {
    if (w.end && w.end < w.start) issues.push(issue('end-before-start', ['workshops', i, 'end'], 'ends before it starts'));
    if (!w.online && !w.place) issues.push(issue('missing-place', ['workshops', i, 'place'], 'a workshop that is not online needs a place'));
  });
  if (catalogue.generalAdviser !== undefined) {
    const adviser = catalogue.partners.find((p) => p.id === catalogue.generalAdviser);
    if (!adviser) issues.push(issue('unknown-partner', ['generalAdviser'], `no partner "${catalogue.generalAdviser}"`));
    else if (adviser.kind !== 'chamber-adviser') issues.push(issue('not-an-adviser', ['generalAdviser'], `partner "${adviser.id}" is not a chamber adviser`));
  }
  const owner = new Map<string, string>();
  catalogue.regions.forEach((region, i) =>
    region.postcodePrefixes.forEach((prefix, j) => {
      const other = owner.get(prefix);
      if (other && other !== region.id) {
        issues.push(issue('duplicate-postcode-prefix', ['regions', i, 'postcodePrefixes', j], `prefix "${prefix}" already belongs to region "${other}"`));
      }
      owner.set(prefix, region.id);
    }),
  );
  return issues.length ? { ok: false, issues } : { ok: true, value: catalogue };
}

/**
 * Every trade, employee band and level an offer's audience names must exist
 * in the questionnaire the catalogue is used with, or the offer would silently
 * never be made.
 */
export function checkAudiences(q: Pick<Questionnaire, 'profile' | 'levels'>, catalogue: Pick<Catalogue, 'workshops' | 'partners'>): Issue[] {
  const known = {
    trades: new Set(q.profile.trades.map((t) => t.id)),
    employees: new Set(q.profile.employeeBands.map((b) => b.id)),
    levels: new Set(q.levels.map((l) => l.id)),
  };
  const names = { trades: 'trade', employees: 'employee band', levels: 'level' };
  const issues: Issue[] = [];
  const check = (kind: 'workshops' | 'partners', entries: readonly { audience: Audience }[]) =>
    entries.forEach((entry, i) => {
      for (const key of ['trades', 'employees', 'levels'] as const) {
        entry.audience[key].forEach((id, j) => {
          if (!known[key].has(id)) issues.push(issue('unknown-audience', [kind, i, 'audience', key, j], `the questionnaire has no ${names[key]} "${id}"`));
        });
      }
    });
  check('workshops', catalogue.workshops);
  check('partners', catalogue.partners);
  return issues;
}
