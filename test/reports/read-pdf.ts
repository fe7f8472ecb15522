/** Reads a rendered PDF back with poppler and qpdf, as a person's viewer would see it. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface WordBox {
  page: number;
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

export interface ReadPdf {
  file: string;
  bytes: Buffer;
  /** Text per page (pdftotext splits pages with a form feed). */
  pages: string[];
  text: string;
  /** The text in the form of `compactText`, for phrases that may wrap anywhere. */
  compact: string;
  info: Record<string, string>;
  words: WordBox[];
  pageSize: { width: number; height: number };
  /** Targets of every URI link annotation. */
  links: string[];
  qpdfCheck: { ok: boolean; output: string };
  fonts: string;
}

const decodeEntities = (text: string) =>
  text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;|&apos;/g, "'").replace(/&amp;/g, '&');

/**
 * The form `compact` uses, for comparing phrases that wrap: no whitespace, and
 * no hyphens, since pdftotext drops a hyphen that ends a line.
 */
export const compactText = (text: string) => text.replace(/[\s-]+/g, '');

function parseBoxes(html: string): { words: WordBox[]; pageSize: { width: number; height: number } } {
  const words: WordBox[] = [];
  let page = 0;
  let pageSize = { width: 0, height: 0 };
  const pattern = /<page width="([\d.]+)" height="([\d.]+)">|<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g;
  for (const match of html.matchAll(pattern)) {
    if (match[1]) {
      page += 1;
      pageSize = { width: Number(match[1]), height: Number(match[2]) };
      continue;
    }
    words.push({ page, text: decodeEntities(match[7]!), xMin: Number(match[3]), yMin: Number(match[4]), xMax: Number(match[5]), yMax: Number(match[6]) });
  }
  return { words, pageSize };
}

/** Link targets as qpdf's normalised (uncompressed) form lists them. */
function uriTargets(file: string, dir: string): string[] {
  const qdf = join(dir, 'normalised.pdf');
  execFileSync('qpdf', ['--qdf', '--object-streams=disable', file, qdf]);
  const raw = readFileSync(qdf).toString('latin1');
  return [...raw.matchAll(/\/URI \(((?:\\.|[^\\)])*)\)/g)].map((m) => m[1]!.replace(/\\(.)/g, '$1'));
}

export function readPdf(bytes: Buffer): ReadPdf {
  const dir = mkdtempSync(join(tmpdir(), 'procheck-report-'));
  try {
    const file = join(dir, 'report.pdf');
    writeFileSync(file, bytes);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-']).toString('utf8');
    const infoText = execFileSync('pdfinfo', ['-enc', 'UTF-8', file]).toString('utf8');
    const info = Object.fromEntries(
      infoText
        .split('\n')
        .map((line) => /^([^:]+):\s*(.*)$/.exec(line))
        .filter((m): m is RegExpExecArray => m !== null)
        .map((m) => [m[1]!.trim(), m[2]!.trim()]),
    );
    const { words, pageSize } = parseBoxes(execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-']).toString('utf8'));
    const check = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
    const pages = text.split('\f');
    if (pages[pages.length - 1]!.trim() === '') pages.pop();
    return {
      file,
      bytes,
      pages,
      text,
      compact: compactText(text),
      info,
      words,
      pageSize,
      links: uriTargets(file, dir),
      qpdfCheck: { ok: check.status === 0, output: `${check.stdout}${check.stderr}` },
      fonts: execFileSync('pdffonts', [file]).toString('utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface PdfObject {
  [key: string]: unknown;
}

export interface ReadTagging {
  /** `pdfinfo -struct-text`: the structure tree with the text of each element, indented. */
  tree: string;
  /** The text in the tree, in reading order (quoted lines of `tree`, unquoted). */
  treeText: string;
  /** `pdfinfo -meta`: the XMP packet. */
  xmp: string;
  /** Every object's dictionary as qpdf's JSON (version 2) gives it: names as "/Name", text strings as "u:…". */
  objects: PdfObject[];
  /** An object by its reference, as dictionaries name it ("7 0 R"). */
  resolve: (ref: unknown) => PdfObject | undefined;
  catalog: PdfObject;
}

/** Reads back what assistive technology gets: the structure tree, its objects and the metadata. */
export function readTagging(bytes: Buffer): ReadTagging {
  const dir = mkdtempSync(join(tmpdir(), 'procheck-tagging-'));
  try {
    const file = join(dir, 'report.pdf');
    writeFileSync(file, bytes);
    const tree = execFileSync('pdfinfo', ['-struct-text', file], { maxBuffer: 64 * 1024 * 1024 }).toString('utf8');
    const treeText = [...tree.matchAll(/^\s*"(.*)"$/gm)].map((m) => m[1]!).join('');
    const xmp = execFileSync('pdfinfo', ['-meta', file]).toString('utf8');
    const json = JSON.parse(execFileSync('qpdf', ['--json=2', '--json-key=qpdf', file], { maxBuffer: 64 * 1024 * 1024 }).toString('utf8')) as {
      qpdf: [unknown, Record<string, { value?: unknown; stream?: { dict: unknown } }>];
    };
    const byRef = new Map<string, PdfObject>();
    for (const [key, o] of Object.entries(json.qpdf[1])) {
      const dict = o.value ?? o.stream?.dict;
      if (typeof dict === 'object' && dict !== null && !Array.isArray(dict)) byRef.set(key.replace(/^obj:/, ''), dict as PdfObject);
    }
    const objects = [...byRef.values()];
    const catalog = objects.find((o) => o['/Type'] === '/Catalog')!;
    return { tree, treeText, xmp, objects, resolve: (ref) => (typeof ref === 'string' ? byRef.get(ref) : undefined), catalog };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
