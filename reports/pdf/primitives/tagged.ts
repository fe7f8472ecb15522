/**
 * The structure tree (PDF/UA-1), built as the pages are drawn, so reading
 * order is drawing order. `element` opens a structure element for what its
 * body draws; text marks itself as content of the innermost element;
 * `artifact` wraps what is only decoration (rules, bars, page furniture).
 * Everything goes through pdfkit's public marking API.
 */

export type StructType =
  | 'Document'
  | 'Sect'
  | 'H1'
  | 'H2'
  | 'H3'
  | 'P'
  | 'L'
  | 'LI'
  | 'Lbl'
  | 'LBody'
  | 'Table'
  | 'TR'
  | 'TH'
  | 'TD'
  | 'Caption'
  | 'Link'
  | 'Figure'
  | 'Span';

/** Elements that group others and hold no content of their own: text written there gets a paragraph. */
const GROUPS = new Set<StructType>(['Document', 'Sect', 'L', 'LI', 'Table', 'TR']);

export interface ElementOptions {
  lang?: string;
  alt?: string;
  /** The text a reader should get instead of the glyphs (right-to-left runs drawn in visual order). */
  actual?: string;
  /** For TH: whether it heads a row or a column. */
  scope?: 'Row' | 'Column';
  /** For a Figure: its box on the page, [left, top, right, bottom] in pdfkit's top-down coordinates. */
  bbox?: [number, number, number, number];
}

interface Open {
  type: StructType;
  element: PDFKit.PDFStructureElement;
}

export class Tagger {
  private readonly doc: PDFKit.PDFDocument;
  private readonly stack: Open[];
  /** Depth of marked content now open: content inside content (text in a figure) is not marked again. */
  private marking = 0;

  constructor(doc: PDFKit.PDFDocument, lang: string) {
    this.doc = doc;
    const root = doc.struct('Document', { lang });
    doc.addStructure(root);
    this.stack = [{ type: 'Document', element: root }];
  }

  private get top(): Open {
    return this.stack[this.stack.length - 1]!;
  }

  /** True when text written now needs an element of its own (a paragraph) to belong to. */
  get inGroup(): boolean {
    return GROUPS.has(this.top.type) && this.marking === 0;
  }

  /** Whether content drawn now is already inside marked content (a figure's). */
  get insideContent(): boolean {
    return this.marking > 0;
  }

  /** Runs `body` with a new element, child of the current one, as the parent of what it draws. */
  element<T>(type: StructType, options: ElementOptions, body: () => T): T {
    if (this.marking > 0) return body();
    // pdfkit 0.20 reads `scope` and `bbox` from the options; @types/pdfkit 0.17 lists only the strings.
    const element = this.doc.struct(type, options as PDFKit.Mixins.StructureElementOptions);
    this.top.element.add(element);
    this.stack.push({ type, element });
    try {
      return body();
    } finally {
      this.stack.pop();
      element.end();
    }
  }

  /** Opens marked content for the current element; `endContent` closes it (before a page break, too). */
  beginContent(): void {
    if (this.marking++ > 0) return;
    const { type, element } = this.top;
    element.add(this.doc.markStructureContent(type));
  }

  endContent(): void {
    if (--this.marking > 0) return;
    this.doc.endMarkedContent();
  }

  /**
   * Inside text being written, a piece with its own language (an Arabic name):
   * the open content is closed, the piece becomes a Span with /Lang and the
   * logical text as /ActualText, and the content goes on after it. Inside a
   * figure or an artifact the piece is simply drawn.
   */
  span(options: ElementOptions, draw: () => void): void {
    if (this.marking !== 1) return draw();
    this.endContent();
    this.element('Span', options, () => {
      this.beginContent();
      draw();
      this.endContent();
    });
    this.beginContent();
  }

  /** What `draw` paints is decoration, skipped by assistive technology. */
  artifact(draw: () => void, type: 'Layout' | 'Pagination' = 'Layout'): void {
    if (this.marking > 0) return draw();
    // Layout artifacts need no property list (shorter streams); pagination says what it is.
    if (type === 'Pagination') this.doc.markContent('Artifact', { type });
    else this.doc.markContent('Artifact');
    // Text drawn inside an artifact is not structure: it counts as already marked.
    this.marking++;
    try {
      draw();
    } finally {
      this.marking--;
    }
    this.doc.endMarkedContent();
  }

  /** A link annotation that belongs to the current (Link) element, with its description for assistive technology. */
  linkAnnotation(x: number, y: number, width: number, height: number, url: string, description: string): void {
    // `structParent` puts the annotation into the Link element; `Contents` is its alternate description.
    const options = { structParent: this.top.element, Contents: new String(description) };
    this.doc.link(x, y, width, height, url, options as unknown as PDFKit.Mixins.AnnotationOption);
  }
}
