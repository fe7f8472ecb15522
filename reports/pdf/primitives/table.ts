/**
 * Table structure for text laid out in rows and columns: a Table of TR rows
 * whose cells are TH (with the row or column they head) or TD. Drawing stays
 * with the section; these only say what each piece of text is.
 */
import type { ReportLayout } from './layout.ts';

export function table<T>(layout: ReportLayout, body: () => T): T {
  return layout.tags.element('Table', {}, body);
}

export function tableRow<T>(layout: ReportLayout, body: () => T): T {
  return layout.tags.element('TR', {}, body);
}

/** A header cell: `Column` heads the cells below it, `Row` the cells beside it. */
export function headerCell<T>(layout: ReportLayout, scope: 'Row' | 'Column', body: () => T): T {
  return layout.tags.element('TH', { scope }, body);
}

export function dataCell<T>(layout: ReportLayout, body: () => T): T {
  return layout.tags.element('TD', {}, body);
}

/** A list item: its marker (a bullet, a checkbox) is decoration, its body the text. */
export function listItem<T>(layout: ReportLayout, body: () => T): T {
  return layout.tags.element('LI', {}, () => layout.tags.element('LBody', {}, body));
}

export function list<T>(layout: ReportLayout, body: () => T): T {
  return layout.tags.element('L', {}, body);
}
