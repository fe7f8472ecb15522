/**
 * The one name of a saved PDF report, for the server's Content-Disposition
 * and the web app's and scouts' downloads alike:
 * `procheck-bericht-baeckerei-korn-2026-11-23.pdf`. ASCII only, so every
 * browser and file system keeps it; German umlauts are spelt out (ä → ae,
 * ß → ss) as Germans write them without umlauts, other accents dropped.
 * Pure: no imports, so the web app may use it too.
 */
export function reportFileName(companyName: string | null | undefined, submittedAt: string, locale: 'de' | 'en'): string {
  const slug = (companyName ?? '')
    .replace(/Ä/g, 'Ae').replace(/Ö/g, 'Oe').replace(/Ü/g, 'Ue').replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return `procheck-${locale === 'en' ? 'report' : 'bericht'}${slug ? `-${slug}` : ''}-${submittedAt.slice(0, 10)}.pdf`;
}
