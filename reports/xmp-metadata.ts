/**
 * pdfkit copies the document's Info values (title, author, subject, keywords)
 * into the XMP metadata packet by string conversion, unescaped: a company
 * called "Schmidt & Sohn GmbH" would make the packet invalid XML, and a
 * crafted name would add elements. `infoString` keeps the plain text for the
 * Info dictionary and escapes only where pdfkit converts it for the XMP.
 */

/** Text for XML character data or an attribute value. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** A document-info string whose value is the text and whose string conversion is escaped XML. */
export function infoString(text: string): string {
  const value = Object.assign(new String(text), { toString: () => escapeXml(text) });
  return value as unknown as string;
}
