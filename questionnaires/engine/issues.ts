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

/** Turns zod's issues into ours, keeping the path. */
export function fromZodIssues(
  zodIssues: readonly { code: string; path: readonly PropertyKey[]; message: string }[],
  prefix: PathSegment[] = [],
): Issue[] {
  return zodIssues.map((z) => ({
    code: z.code,
    path: [...prefix, ...z.path.map((p) => (typeof p === 'number' ? p : String(p)))],
    message: z.message,
  }));
}
