import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import type { Response } from 'express';

/**
 * The one Word layout every paper Docket writes shares, in the manner of GB/T 9704-2012
 * 《党政机关公文格式》: A4, margins 37/35/28/26 mm, title 2号 方正小标宋简体, body 3号 仿宋_GB2312
 * with a first-line indent of two characters, 一级标题 黑体, 落款 and 成文日期 on the right,
 * page numbers `— n —` 4号 宋体 7 mm below the text block (odd pages right, even pages left).
 */
export type Block =
  | { kind: 'heading'; text: string } // 一级标题 黑体
  | { kind: 'paragraph'; text: string } // 正文 仿宋, first-line indent 2 chars
  | { kind: 'table'; header: string[]; rows: string[][]; widths?: number[] };

export interface PaperSpec {
  title: string; // 标题
  documentNumber?: string; // 发文字号
  recipient?: string; // 主送机关
  blocks: Block[];
  signature?: string; // 落款 (发文机关署名)
  date?: string; // YYYY-MM-DD, written as 2023年4月1日
}

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Fonts: the GB/T 9704 face first; the font table names the common face Word/WPS fall back to. */
export const FONTS = {
  title: { name: '方正小标宋简体', fallback: '宋体' },
  body: { name: '仿宋_GB2312', fallback: '仿宋' },
  heading: { name: '黑体', fallback: 'SimHei' },
  pageNumber: { name: '宋体', fallback: 'SimSun' },
  latin: 'Times New Roman',
} as const;

/** Sizes in half-points: 2号 22pt, 3号 16pt, 4号 14pt. */
const SIZE = { title: 44, body: 32, table: 28, pageNumber: 28 } as const;

const MM = 1440 / 25.4; // twips per millimetre
const twips = (mm: number): number => Math.round(mm * MM);
const PAGE = { width: twips(210), height: twips(297) };
const MARGIN = { top: twips(37), bottom: twips(35), left: twips(28), right: twips(26) };
const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
/** 22 lines to the page on a 225 mm text block: 28.9 pt a line, fixed. */
const LINE = 578;
const CHAR = 320; // one 3号 character, in twips

/** '2023-04-01' → '2023年4月1日' (an ISO date-time is cut to its date). */
export function chineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) throw new Error(`not a date: ${iso}`);
  return `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日`;
}

function font(name: string): { ascii: string; hAnsi: string; eastAsia: string; cs: string } {
  return { ascii: FONTS.latin, hAnsi: FONTS.latin, eastAsia: name, cs: FONTS.latin };
}

function run(text: string, face: string, size: number, bold = false): TextRun {
  return new TextRun({ text, font: font(face), size, bold, language: { eastAsia: 'zh-CN' } });
}

const bodyLine = { line: LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 };

function blank(): Paragraph {
  return new Paragraph({ spacing: bodyLine, children: [run('', FONTS.body.name, SIZE.body)] });
}

function table(block: Extract<Block, { kind: 'table' }>): Table {
  const cols = block.header.length;
  const weights = block.widths && block.widths.length === cols ? block.widths : block.header.map(() => 1);
  const total = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => Math.floor((TEXT_WIDTH * w) / total));
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const cell = (text: string, i: number, header: boolean): TableCell =>
    new TableCell({
      width: { size: widths[i], type: WidthType.DXA },
      verticalAlign: VerticalAlign.CENTER,
      margins: { left: 80, right: 80, top: 40, bottom: 40 },
      children: String(text ?? '')
        .split('\n')
        .map(
          (line) =>
            new Paragraph({
              alignment: header ? AlignmentType.CENTER : AlignmentType.LEFT,
              spacing: { line: 360, lineRule: LineRuleType.AUTO },
              children: [run(line, header ? FONTS.heading.name : FONTS.body.name, SIZE.table)],
            }),
        ),
    });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    borders: {
      top: border,
      bottom: border,
      left: border,
      right: border,
      insideHorizontal: border,
      insideVertical: border,
    },
    rows: [
      new TableRow({ tableHeader: true, children: block.header.map((h, i) => cell(h, i, true)) }),
      ...block.rows.map((r) => new TableRow({ cantSplit: true, children: block.header.map((_, i) => cell(r[i] ?? '', i, false)) })),
    ],
  });
}

function pageFooter(alignment: (typeof AlignmentType)[keyof typeof AlignmentType], indent: 'left' | 'right'): Footer {
  const face = FONTS.pageNumber.name;
  return new Footer({
    children: [
      new Paragraph({
        alignment,
        spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 },
        indent: indent === 'right' ? { right: CHAR } : { left: CHAR },
        children: [
          run('— ', face, SIZE.pageNumber),
          new TextRun({ children: [PageNumber.CURRENT], font: font(face), size: SIZE.pageNumber }),
          run(' —', face, SIZE.pageNumber),
        ],
      }),
    ],
  });
}

/** The font table, so a machine without the GB/T faces substitutes the common ones (w:altName). */
function fontTable(): string {
  const faces = [
    [FONTS.title.name, FONTS.title.fallback],
    [FONTS.body.name, FONTS.body.fallback],
    [FONTS.heading.name, FONTS.heading.fallback],
    [FONTS.pageNumber.name, FONTS.pageNumber.fallback],
  ];
  const entries = faces
    .map(
      ([name, alt]) =>
        `<w:font w:name="${name}"><w:altName w:val="${alt}"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>`,
    )
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    `<w:font w:name="${FONTS.latin}"><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>` +
    entries +
    '</w:fonts>'
  );
}

export async function renderPaper(spec: PaperSpec): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [];
  if (spec.documentNumber) {
    children.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: bodyLine,
        children: [run(spec.documentNumber, FONTS.body.name, SIZE.body)],
      }),
      blank(),
    );
  }
  children.push(
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: 700, lineRule: LineRuleType.AT_LEAST, before: 0, after: 0 },
      children: [run(spec.title, FONTS.title.name, SIZE.title)],
    }),
    blank(),
  );
  if (spec.recipient) {
    const text = /[：:]$/.test(spec.recipient) ? spec.recipient : `${spec.recipient}：`;
    children.push(new Paragraph({ spacing: bodyLine, children: [run(text, FONTS.body.name, SIZE.body)] }));
  }
  for (const block of spec.blocks) {
    if (block.kind === 'heading') {
      children.push(
        new Paragraph({
          spacing: bodyLine,
          indent: { firstLine: 2 * CHAR },
          keepNext: true,
          children: [run(block.text, FONTS.heading.name, SIZE.body)],
        }),
      );
    } else if (block.kind === 'paragraph') {
      children.push(
        new Paragraph({
          spacing: bodyLine,
          alignment: AlignmentType.JUSTIFIED,
          indent: { firstLine: 2 * CHAR },
          children: [run(block.text, FONTS.body.name, SIZE.body)],
        }),
      );
    } else {
      children.push(table(block), blank());
    }
  }
  if (spec.signature || spec.date) {
    children.push(blank(), blank());
    if (spec.signature) {
      children.push(
        new Paragraph({
          alignment: AlignmentType.RIGHT,
          spacing: bodyLine,
          indent: { right: 2 * CHAR },
          children: [run(spec.signature, FONTS.body.name, SIZE.body)],
        }),
      );
    }
    if (spec.date) {
      children.push(
        new Paragraph({
          alignment: AlignmentType.RIGHT,
          spacing: bodyLine,
          indent: { right: 4 * CHAR },
          children: [run(chineseDate(spec.date), FONTS.body.name, SIZE.body)],
        }),
      );
    }
  }

  const doc = new Document({
    creator: 'Docket',
    title: spec.title,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: { font: font(FONTS.body.name), size: SIZE.body, language: { value: 'zh-CN', eastAsia: 'zh-CN' } },
          paragraph: { spacing: bodyLine },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { ...MARGIN, header: twips(15), footer: twips(23), gutter: 0 },
          },
        },
        footers: { default: pageFooter(AlignmentType.RIGHT, 'right'), even: pageFooter(AlignmentType.LEFT, 'left') },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc, false, [{ path: 'word/fontTable.xml', data: fontTable() }]);
}

/** RFC 5987: an ASCII fallback name and the UTF-8 one, so browsers keep the Chinese filename. */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export function sendDocx(res: Response, filename: string, body: Buffer): void {
  const name = filename.endsWith('.docx') ? filename : `${filename}.docx`;
  res.setHeader('Content-Type', DOCX_TYPE);
  res.setHeader('Content-Disposition', contentDisposition(name));
  res.setHeader('Content-Length', String(body.length));
  res.setHeader('Cache-Control', 'no-store');
  res.end(body);
}
