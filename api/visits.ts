/** The visits API and the tablets' offline sync: validate requests and responses, describe them in OpenAPI, type the tablets' client. */
import { z } from 'zod';
import { AnswerValue, BusinessProfile, Id } from '../questionnaires/engine/index.ts';
import { AssessmentState, ProfilePatch } from './assessments.ts';
import { PageQuery, pageOf } from './pagination.ts';
import { ASSESSMENT_STATUSES } from './vocabulary.ts';

export const MAX_CHANGES_PER_BATCH = 500;
export const MAX_NOTE_LENGTH = 5000;

const field = BusinessProfile.shape;

// z.uuid() also takes upper case; one id must be one string, or a replay in
// other case would count as a new change.
const ClientId = z.uuid().regex(/^[0-9a-f-]{36}$/, 'must be a lowercase UUID (crypto.randomUUID())');

export const VisitBusiness = z.strictObject({
  name: field.companyName.unwrap().min(1),
  trade: field.trade.unwrap(),
  employees: field.employees.unwrap(),
  postcode: field.postcode.unwrap(),
  contactPerson: z.string().trim().min(1).max(200).optional(),
});
export type VisitBusiness = z.infer<typeof VisitBusiness>;

export const VisitCreate = z
  .strictObject({
    resumeCode: z.string().min(1).max(80).describe('Generated on the tablet: 28 characters of the resume-code alphabet. The server keeps only its hash.'),
    visitDate: z.iso.date(),
    business: VisitBusiness,
  })
  .describe('The business visited. Sent again with a later version, it corrects the details.');
export type VisitCreate = z.infer<typeof VisitCreate>;

export const SyncSet = z.strictObject({
  profile: ProfilePatch.optional(),
  answers: z.record(Id, AnswerValue.nullable()).optional(),
  relevance: z.record(Id, z.number().int().min(1).max(5).nullable()).optional(),
  notes: z
    .record(Id, z.string().max(MAX_NOTE_LENGTH).nullable())
    .optional()
    .describe('Per dimension id; seen only by staff and scouts, never in the business’s view.'),
});
export type SyncSet = z.infer<typeof SyncSet>;

export const HybridClock = z.strictObject({
  wall: z.iso.datetime({ offset: true }),
  counter: z.int().min(0).max(999_999),
});
export type HybridClock = z.infer<typeof HybridClock>;

export const SyncChange = z.strictObject({
  changeId: ClientId.describe('Generated on the tablet; the same id with other content answers 409.'),
  visitId: ClientId.describe('Generated on the tablet; the public id of the visit’s check.'),
  questionnaireId: Id,
  version: z.string().max(32),
  deviceId: z
    .string()
    .max(64, { abort: true })
    .regex(/^[A-Za-z0-9._:-]+$/, 'must be 1–64 characters of A–Z, a–z, 0–9, ".", "_", ":", "-"'),
  seq: z.int().min(0).describe('Counts up per device.'),
  at: z.iso.datetime({ offset: true }).describe('When the change was made, by the device’s own clock; it should never decrease on one device. Orders writes only when hlc is absent.'),
  hlc: HybridClock.optional().describe(
    'The hybrid logical clock of the edit, which orders writes to the same field: the device clock corrected by the server’s clock (the Date header of the last sync, serverTime of the login), never decreasing, the counter breaking ties within a millisecond. The server never lets it run ahead of its own clock at receipt.',
  ),
  create: VisitCreate.optional(),
  set: SyncSet.optional().describe('null clears a profile field, answer, rating or note.'),
  submit: z
    .literal(true)
    .optional()
    .describe('This change’s set.profile, set.answers and set.relevance are the final answer set the result is scored from; no later change alters them.'),
});
export type SyncChange = z.infer<typeof SyncChange>;

export const SyncBody = z.strictObject({ changes: z.array(SyncChange).min(1).max(MAX_CHANGES_PER_BATCH) });
export type SyncBody = z.infer<typeof SyncBody>;

export const SyncResult = z.object({
  changeId: z.string(),
  visitId: z.string(),
  applied: z.boolean(),
  reason: z
    .enum(['visit-erased', 'expired'])
    .optional()
    .describe('Present when applied is false: the visit was deleted on the server, or the change is older than the longest time a tablet may stay offline.'),
});
export type SyncResult = z.infer<typeof SyncResult>;

// No clock in the body, so a replay answers the same bytes; tablets read the server's clock from the Date header.
export const SyncResponse = z.object({ results: z.array(SyncResult) });
export type SyncResponse = z.infer<typeof SyncResponse>;

export const VisitSummary = z.object({
  id: z.string(),
  businessName: z.string().nullable(),
  contactPerson: z.string().nullable(),
  visitDate: z.string().nullable(),
  trade: z.string().nullable(),
  status: z.enum(ASSESSMENT_STATUSES),
  submitRequested: z.boolean().describe('Submitted on the tablet; still a draft while the answers are incomplete or the business details have not arrived.'),
  progress: z.object({ answered: z.number(), total: z.number(), percent: z.number() }),
  scout: z.object({ id: z.string(), name: z.string() }).nullable(),
  updatedAt: z.string(),
});
export type VisitSummary = z.infer<typeof VisitSummary>;

export const VisitListQuery = PageQuery;
export const VisitPage = pageOf(VisitSummary).describe('Visits, newest visit date first; visits whose details have not arrived last');
export type VisitPage = z.infer<typeof VisitPage>;

export const VisitView = AssessmentState.extend({
  business: z.object({ name: z.string().nullable(), contactPerson: z.string().nullable(), visitDate: z.string().nullable() }),
  submitRequested: z.boolean(),
  scout: z.object({ id: z.string(), name: z.string() }).nullable(),
  notes: z.record(z.string(), z.string()).describe('Per dimension id: for staff and scouts only, never in the business’s view.'),
});
export type VisitView = z.infer<typeof VisitView>;
