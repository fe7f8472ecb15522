/**
 * Expected failures are data: `{ ok: true, value } | { ok: false, issues }`,
 * where each issue names the JSON path it is about.
 */
export type PathSegment = string | number;

export interface Issue {
  /** Stable machine-readable kind, e.g. `unknown-option`, `required`. */
  code: string;
  path: PathSegment[];
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

export function issue(code: string, path: PathSegment[], message: string): Issue {
  return { code, path, message };
}

/** `['sections', 2, 'questions', 0, 'id']` → `sections[2].questions[0].id` */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out || '$';
}

/** One line per issue, `path: message`, as the CLI and error responses print them. */
export function formatIssues(issues: readonly Issue[]): string {
  return issues.map((i) => `${formatPath(i.path)}: ${i.message}`).join('\n');
}

interface ZodIssueLike {
  code: string;
  path: readonly PropertyKey[];
  message: string;
  errors?: readonly (readonly ZodIssueLike[])[];
  keys?: readonly string[];
}

const toSegments = (path: readonly PropertyKey[]): PathSegment[] => path.map((p) => (typeof p === 'number' ? p : String(p)));

/** A union branch that failed at its root (wrong type, foreign keys) was not what the author meant. */
const failsAtRoot = (branch: readonly ZodIssueLike[]) =>
  branch.some((i) => i.path.length === 0 && (i.code === 'unrecognized_keys' || i.code === 'invalid_type' || i.code === 'invalid_union'));

/**
 * Turns zod's issues into ours, keeping the path. A failed union (a condition
 * of the wrong shape) is explained by the branch the author most likely meant.
 */
export function fromZodIssues(zodIssues: readonly ZodIssueLike[], prefix: PathSegment[] = []): Issue[] {
  return zodIssues.flatMap((z): Issue[] => {
    const path = [...prefix, ...toSegments(z.path)];
    if (z.code !== 'invalid_union' || !z.errors?.length) return [{ code: z.code, path, message: z.message }];
    const meant = z.errors.filter((branch) => !failsAtRoot(branch)).sort((a, b) => a.length - b.length)[0];
    if (meant) return fromZodIssues(meant, path);
    return [{ code: 'invalid_union', path, message: 'does not match any allowed form; check the key names and value types' }];
  });
}

/**
 * zod's records silently drop a `__proto__` key; input from outside must never
 * lose a field without a word, so such keys are reported wherever they hide.
 */
export function prototypeKeyIssues(value: unknown, path: PathSegment[] = []): Issue[] {
  if (typeof value !== 'object' || value === null) return [];
  const issues: Issue[] = [];
  for (const key of Object.keys(value)) {
    const at = [...path, Array.isArray(value) ? Number(key) : key];
    if (key === '__proto__') issues.push(issue('forbidden-key', at, 'the key "__proto__" is not allowed'));
    else issues.push(...prototypeKeyIssues((value as Record<string, unknown>)[key], at));
  }
  return issues;
}
