/** Opaque keyset cursors: the last row's sort key as base64url JSON. A cursor that does not decode is the caller's fault. */
import type { z } from 'zod';
import type { Page } from '../api/pagination.ts';
import { ProblemError, fieldError } from './errors.ts';

export const encodeCursor = (key: unknown): string => Buffer.from(JSON.stringify(key)).toString('base64url');

export function decodeCursor<T>(cursor: string | undefined, schema: z.ZodType<T>): T | null {
  if (cursor === undefined) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const result = schema.safeParse(parsed);
  if (!result.success) {
    throw new ProblemError('request.invalid', 'the cursor is not one this list answered', {
      errors: [fieldError(['cursor'], 'field.invalid-format', 'is not a cursor from a previous page', 'query')],
    });
  }
  return result.data;
}

/** Rows fetched with `limit + 1`: the page, and the cursor of its last row when there are more. */
export function pageFrom<Row, Item>(rows: Row[], limit: number, item: (row: Row) => Item, keyOf: (row: Row) => unknown): Page<Item> {
  const page = rows.slice(0, limit);
  return { items: page.map(item), nextCursor: rows.length > limit ? encodeCursor(keyOf(page[page.length - 1]!)) : null };
}
