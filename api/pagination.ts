/** Keyset pagination: `?limit=&cursor=` in, `{ items, nextCursor }` out. The cursor is opaque to clients. */
import { z } from 'zod';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './vocabulary.ts';

export const PageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
  cursor: z
    .string()
    .max(500)
    .regex(/^[A-Za-z0-9_-]+$/, 'is not a cursor from a previous page')
    .optional()
    .describe('nextCursor of the previous page; absent for the first page'),
});
export type PageQuery = z.infer<typeof PageQuery>;

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    nextCursor: z.string().nullable().describe('Pass as ?cursor= for the next page; null on the last page'),
  });

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
