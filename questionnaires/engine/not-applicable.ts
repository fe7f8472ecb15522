/**
 * The answer meaning "not applicable", accepted where a question offers it.
 * It lives apart from schema.ts so that the web app can use it (through
 * checkAnswer and scoring) without bundling zod.
 */
export const NOT_APPLICABLE = 'n/a' as const;
