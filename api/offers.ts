/**
 * The offers editor's API (issue 16): a body is an entry of a catalogue
 * file; a PATCH names the revision it started from (null clears a field).
 */
import { z } from 'zod';
import { Id, Partner, Topic, Workshop } from '../questionnaires/engine/index.ts';

export const EDITABLE_KINDS = ['workshop', 'partner', 'topic'] as const;
export type EditableKind = (typeof EDITABLE_KINDS)[number];

/** A PATCH: the revision it was read at, and the fields to change (null clears an optional one). */
function patchOf<S extends z.ZodRawShape>(shape: S) {
  const fields = Object.fromEntries(
    Object.entries(shape)
      .filter(([key]) => key !== 'id')
      // Without their defaults: a field left out of a PATCH stays as it is.
      .map(([key, schema]) => [key, (schema instanceof z.ZodDefault ? (schema.unwrap() as z.ZodType) : (schema as z.ZodType)).nullable().optional()]),
  ) as unknown as { [K in Exclude<keyof S, 'id'>]: z.ZodOptional<z.ZodNullable<S[K]>> };
  return z.strictObject({ revision: z.int().min(1).describe('The revision the edit started from; a stale one answers 409 with the current entry'), ...fields });
}

export const OFFER_SCHEMAS = {
  workshop: { create: Workshop, patch: patchOf(Workshop.shape), path: 'workshops' },
  partner: { create: Partner, patch: patchOf(Partner.shape), path: 'partners' },
  topic: { create: Topic, patch: patchOf(Topic.shape), path: 'topics' },
} as const satisfies Record<EditableKind, { create: z.ZodType; patch: z.ZodType; path: string }>;

export const OfferEntry = z.object({
  id: z.string(),
  revision: z.int(),
  retired: z.boolean(),
  updatedAt: z.string(),
  data: z.record(z.string(), z.unknown()).describe('The entry as in a catalogue file'),
});
export type OfferEntry = z.infer<typeof OfferEntry>;

export const OfferIdParams = z.strictObject({ id: Id });
export const ListOffersQuery = z.strictObject({ retired: z.enum(['true', 'false']).default('false').describe('Include retired entries') });
export const RetireQuery = z.strictObject({ revision: z.coerce.number().int().min(1).optional().describe('When given, a stale revision answers 409') });
