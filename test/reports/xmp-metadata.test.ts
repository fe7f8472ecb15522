/**
 * The report's XMP metadata is well-formed XML whatever the business is
 * called: pdfkit concatenates the Info values into the packet, so a name with
 * "&" or "<" broke it and a crafted name added elements (issue 20).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReportModel } from '../../reports/build-report-model.ts';
import { renderReportPdf } from '../../reports/render-report-pdf.ts';
import { escapeXml } from '../../reports/xmp-metadata.ts';
import { assessSample, sampleReportInput } from '../helpers/sample-results.ts';
import { handwerkDigital } from '../helpers/shipped.ts';

const shipped = handwerkDigital();

/** Python's expat, strict: what every element of the packet says, or the parser's error. */
const PARSE = `
import sys, json, xml.dom.minidom as m
try:
    doc = m.parseString(sys.stdin.buffer.read())
except Exception as e:
    print(json.dumps({"error": str(e)})); sys.exit(0)
names = sorted({n.tagName for n in doc.getElementsByTagName("*")})
def texts(tag):
    return ["".join(c.data for c in n.childNodes if c.nodeType == c.TEXT_NODE) for n in doc.getElementsByTagName(tag)]
print(json.dumps({"elements": names, "title": [t for n in doc.getElementsByTagName("dc:title") for t in [ "".join(c.data for c in li.childNodes if c.nodeType == c.TEXT_NODE) for li in n.getElementsByTagName("rdf:li")]], "creator": texts("rdf:li")}))
`;

async function xmpOf(companyName: string, operator: string) {
  const sample = assessSample(shipped, 'middling');
  const model = buildReportModel(sampleReportInput(sample, shipped.prepared.definition, { profile: { ...sample.set.profile, companyName }, operator }));
  const dir = mkdtempSync(join(tmpdir(), 'procheck-xmp-'));
  try {
    const file = join(dir, 'report.pdf');
    writeFileSync(file, await renderReportPdf(model));
    const xmp = execFileSync('pdfinfo', ['-meta', file]).toString('utf8').trim();
    const parsed = JSON.parse(execFileSync('python3', ['-c', PARSE], { input: xmp }).toString('utf8')) as { error?: string; elements: string[]; title: string[] };
    return { model, parsed, info: execFileSync('pdfinfo', [file]).toString('utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the XMP metadata of a report', () => {
  it.each([
    ['an ampersand', 'Schmidt & Sohn GmbH', 'Handwerkskammer Emscher-Lippe (Beispiel)'],
    ['a crafted name that would close the title and add elements', 'Evil</rdf:li></rdf:Alt></dc:title><dc:rights>pwned</dc:rights><dc:title><rdf:Alt><rdf:li>', 'Kammer "A" & <B> \'C\''],
  ])('parses as XML for a business name with %s, holding the names as text', async (_case, companyName, operator) => {
    const { model, parsed, info } = await xmpOf(companyName, operator);
    expect(parsed.error).toBeUndefined();
    expect(parsed.title).toEqual([model.meta.title]);
    expect(model.meta.title).toContain(companyName);
    expect(parsed.elements).not.toContain('dc:rights');
    // The Info dictionary keeps the plain name, unescaped.
    expect(info).toContain(`Title:           ${model.meta.title}`);
  });

  it('escapes each of the five XML characters', () => {
    expect(escapeXml(`<a href="x" title='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; title=&apos;y&apos;&gt;&amp;amp;&lt;/a&gt;');
  });
});
