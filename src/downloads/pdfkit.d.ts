/**
 * The few parts of pdfkit's API the PDF download uses. pdfkit ships no
 * types, and these few lines spare a dependency on @types/pdfkit.
 */
declare module 'pdfkit' {
  import { Readable } from 'node:stream';

  interface TextOptions {
    continued?: boolean;
    width?: number;
    align?: 'left' | 'center' | 'right' | 'justify';
    indent?: number;
    paragraphGap?: number;
    lineGap?: number;
    underline?: boolean;
    strike?: boolean;
    link?: string | null;
    oblique?: boolean | number;
  }

  interface OutlineItem {
    addItem(title: string, options?: { expanded?: boolean }): OutlineItem;
  }

  interface DocumentOptions {
    size?: string | [number, number];
    margins?: { top: number; bottom: number; left: number; right: number };
    info?: Record<string, string | Date>;
    lang?: string;
    displayTitle?: boolean;
    autoFirstPage?: boolean;
    bufferPages?: boolean;
    compress?: boolean;
    pdfVersion?: string;
  }

  class PDFDocument extends Readable {
    constructor(options?: DocumentOptions);
    x: number;
    y: number;
    page: { width: number; height: number; margins: { top: number; bottom: number; left: number; right: number } };
    outline: OutlineItem;
    registerFont(name: string, src: string | Buffer, family?: string): this;
    font(src: string, size?: number): this;
    fontSize(size: number): this;
    fillColor(color: string): this;
    strokeColor(color: string): this;
    lineWidth(width: number): this;
    /** Width of `text` in the current font and size, in points. */
    widthOfString(text: string): number;
    text(text: string, options?: TextOptions): this;
    text(text: string, x?: number, y?: number, options?: TextOptions): this;
    moveDown(lines?: number): this;
    moveTo(x: number, y: number): this;
    lineTo(x: number, y: number): this;
    stroke(): this;
    addPage(options?: DocumentOptions): this;
    heightOfString(text: string, options?: TextOptions): number;
    currentLineHeight(includeGap?: boolean): number;
    end(): void;
  }

  export default PDFDocument;
}
