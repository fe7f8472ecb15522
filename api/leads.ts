/**
 * Asking for help and following it up (issue 16): the consent text, a
 * business's contact details and requests (with its resume code), and the
 * staff's leads inbox and follow-up.
 */
import { z } from 'zod';
import { EmailAddress, Id, Locale } from '../questionnaires/engine/index.ts';
import { PageQuery, pageOf } from './pagination.ts';

export const LEAD_STATUSES = ['new', 'contacted', 'closed'] as const;
export const LEAD_OUTCOMES = ['workshop-attended', 'consultation-started', 'no-interest'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];
export type LeadOutcome = (typeof LEAD_OUTCOMES)[number];

const Text = z.object({ de: z.string(), en: z.string().optional() });

export const ContactConsent = z.object({
  version: z.string().describe('Stored with every consent; a changed wording is a new version'),
  text: Text,
});
export type ContactConsent = z.infer<typeof ContactConsent>;

export const OfferKind = z.enum(['workshop', 'partner']);
export type OfferKind = z.infer<typeof OfferKind>;
export const RequestKind = z.enum(['interest', 'contact']).describe('"Ich habe Interesse" or "Bitte kontaktieren Sie mich"');
export type RequestKind = z.infer<typeof RequestKind>;

export const ContactBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  email: EmailAddress.optional(),
  phone: z.string().trim().regex(/^\+?[0-9 ()/-]{5,30}$/, 'is not a phone number').optional(),
  consentVersion: z.string().max(100).describe('The version of the consent text shown (GET /api/contact-consent)'),
});
export type ContactBody = z.infer<typeof ContactBody>;

export const HelpRequestBody = z.strictObject({
  requestId: z.uuid().optional().describe('Chosen by the client per click: the same id sent again is the same request'),
  offerKind: OfferKind,
  offerId: Id,
  kind: RequestKind,
  locale: Locale.optional().describe('The language of the confirmation mail (German when absent)'),
});
export type HelpRequestBody = z.infer<typeof HelpRequestBody>;

export const HelpRequest = z.object({
  id: z.string(),
  offerKind: OfferKind,
  offerId: z.string(),
  kind: RequestKind,
  createdAt: z.string(),
  title: Text.describe("The offer's title (a partner's name) as the catalogue has it, retired offers included"),
  start: z.string().nullable(),
  retired: z.boolean(),
});
export type HelpRequest = z.infer<typeof HelpRequest>;

export const MyContact = z.object({
  contact: z.object({ name: z.string(), email: z.string().nullable(), phone: z.string().nullable(), consentVersion: z.string(), consentedAt: z.string() }).nullable(),
  requests: z.array(HelpRequest),
});
export type MyContact = z.infer<typeof MyContact>;

export const RequestIdParams = z.strictObject({ id: z.uuid(), requestId: z.uuid() });

export const Lead = z.object({
  id: z.string().describe("The check's id"),
  assessmentId: z.string(),
  name: z.string(),
  company: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  consentVersion: z.string(),
  consentText: z.string(),
  consentedAt: z.string(),
  status: z.enum(LEAD_STATUSES),
  outcome: z.enum(LEAD_OUTCOMES).nullable(),
  assignee: z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable(),
  notes: z.string(),
  revision: z.int(),
  lastActivityAt: z.string(),
  updatedAt: z.string(),
  channel: z.string(),
  trade: z.string().nullable(),
  employees: z.string().nullable(),
  region: z.string().nullable(),
  overallScore: z.number(),
  overallLevel: z.string(),
  actionFields: z.array(z.string()).describe('The top three fields of action'),
  submittedAt: z.string(),
  questionnaireId: z.string(),
  questionnaireVersion: z.string(),
  requests: z.array(HelpRequest),
});
export type Lead = z.infer<typeof Lead>;

export const InterestedBusiness = Lead.omit({ requests: true }).extend({ requestKind: RequestKind, requestedAt: z.string() });

export const LeadFiltersQuery = z.strictObject({
  status: z.enum(LEAD_STATUSES).optional(),
  topic: Id.optional().describe('Leads that asked for an offer on this topic'),
  region: Id.optional(),
  trade: Id.optional(),
  assignee: z.union([z.uuid(), z.literal('none')]).optional().describe("A user id, or 'none' for unassigned leads"),
});
export type LeadFilters = z.infer<typeof LeadFiltersQuery>;
export const LeadPageQuery = LeadFiltersQuery.extend(PageQuery.shape);
export const LeadPage = pageOf(Lead).describe('Newest activity first');
export type LeadPage = z.infer<typeof LeadPage>;
export const LeadsCsvQuery = LeadFiltersQuery.extend({ locale: Locale.default('de') });

export const LeadPatch = z.strictObject({
  revision: z.int().min(1),
  status: z.enum(LEAD_STATUSES).optional(),
  outcome: z.enum(LEAD_OUTCOMES).nullable().optional().describe('Required when closing'),
  assigneeId: z.uuid().nullable().optional(),
  notes: z.string().max(10_000).optional(),
});
export type LeadPatch = z.infer<typeof LeadPatch>;

export const Assignee = z.object({ id: z.string(), name: z.string(), email: z.string() });
export type Assignee = z.infer<typeof Assignee>;

export const DemandView = z.object({
  businesses: z.int().nullable().describe('Businesses in the view (whole released classes of five or more); null below five'),
  minimumGroupSize: z.int(),
  upcomingDays: z.int(),
  topics: z.array(z.object({ topic: z.string(), businesses: z.int(), upcomingWorkshops: z.int(), flagged: z.boolean() })),
});
export type DemandView = z.infer<typeof DemandView>;
