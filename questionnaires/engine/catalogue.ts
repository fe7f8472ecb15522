/**
 * The referral catalogue format: workshops, partners, regions and the topic
 * vocabulary that questionnaires and catalogue share. A chamber keeps the JSON
 * current without touching code; these schemas check it.
 */
import { z } from 'zod';
import { type Issue, type Result, fromZodIssues, issue, prototypeKeyIssues } from './issues.ts';
import { EmailAddress, Id, LocalizedText } from './schema.ts';

export const Topic = z.strictObject({ id: Id, title: LocalizedText });
export type Topic = z.infer<typeof Topic>;

/** A postcode prefix of 1–5 digits; the longest matching prefix wins. */
const PostcodePrefix = z.string().regex(/^\d{1,5}$/, 'must be 1 to 5 digits');

export const Region = z.strictObject({
  id: Id,
  name: LocalizedText,
  postcodePrefixes: z.array(PostcodePrefix).min(1),
});
export type Region = z.infer<typeof Region>;

const HttpUrl = z
  .string()
  .max(500, { abort: true })
  .regex(/^https?:\/\/[^\s]+$/, 'must be an http(s) link');

export const Contact = z.strictObject({
  person: z.string().max(200).optional(),
  email: EmailAddress.optional(),
  phone: z.string().max(50).optional(),
  url: HttpUrl.optional(),
});
export type Contact = z.infer<typeof Contact>;

/** Local date-time without zone, as printed on a flyer: 2026-12-03T17:00. */
const LocalDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'must be a local date and time such as 2026-12-03T17:00');

export const WorkshopFormat = z.enum(['workshop', 'webinar', 'seminar', 'consultation-day', 'course', 'event']);

export const Workshop = z.strictObject({
  id: Id,
  title: LocalizedText,
  summary: LocalizedText.optional(),
  topics: z.array(Id).min(1),
  format: WorkshopFormat,
  start: LocalDateTime,
  end: LocalDateTime.optional(),
  /** Where it takes place; absent when `online`. */
  place: z.string().max(300).optional(),
  online: z.boolean().default(false),
  /** Region ids it is meant for; empty = open to every region. */
  regions: z.array(Id).default([]),
  provider: z.string().min(1).max(200),
  registrationUrl: HttpUrl,
  fee: LocalizedText.optional(),
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
  name: z.string().min(1).max(200),
  kind: PartnerKind,
  topics: z.array(Id).min(1),
  /** Region ids it serves; empty = nationwide. */
  regions: z.array(Id).default([]),
  offer: LocalizedText,
  contact: Contact,
});
export type Partner = z.infer<typeof Partner>;

export const Catalogue = z.strictObject({
  $schema: z.string().optional(),
  /** Marks invented entries so nobody mistakes them for real contacts. */
  sampleData: z.boolean().default(false),
  operator: z.string().max(200).optional(),
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
