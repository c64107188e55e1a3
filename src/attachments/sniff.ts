import { text, type Text } from '../../workflows';

// What an uploaded file is, told by its bytes (magic numbers and, for ZIP and OLE2 containers, the
// names inside them), never by the name or the type the client gave. Pure: no Nest, no I/O.

/** The kinds of file Docket keeps as attachments. */
export type ContentKind = 'pdf' | 'docx' | 'xlsx' | 'pptx' | 'doc' | 'xls' | 'ppt' | 'ofd' | 'png' | 'jpeg' | 'text';

export const CONTENT_TYPES: Record<ContentKind, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
  ofd: 'application/ofd',
  png: 'image/png',
  jpeg: 'image/jpeg',
  text: 'text/plain; charset=utf-8',
};

export type Sniffed = { ok: true; kind: ContentKind; contentType: string } | { ok: false; found: Text };

const starts = (b: Buffer, bytes: number[], at = 0) => b.length >= at + bytes.length && bytes.every((x, i) => b[at + i] === x);

const refuse = (zh: string, en: string): Sniffed => ({ ok: false, found: text(zh, en) });
const accept = (kind: ContentKind): Sniffed => ({ ok: true, kind, contentType: CONTENT_TYPES[kind] });

/** The names of a ZIP archive's entries, from its central directory; null when it cannot be read. */
export function zipEntries(b: Buffer): string[] | null {
  // the end-of-central-directory record: 22 bytes and a comment of at most 65535
  const stop = Math.max(0, b.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = b.length - 22; i >= stop; i--) {
    if (b.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = b.readUInt16LE(eocd + 10);
  let at = b.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let n = 0; n < count; n++) {
    if (at + 46 > b.length || b.readUInt32LE(at) !== 0x02014b50) return null;
    const nameLength = b.readUInt16LE(at + 28);
    const extraLength = b.readUInt16LE(at + 30);
    const commentLength = b.readUInt16LE(at + 32);
    if (at + 46 + nameLength > b.length) return null;
    names.push(b.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

function sniffZip(b: Buffer): Sniffed {
  const names = zipEntries(b);
  if (!names) return refuse('无法读取的 ZIP 压缩文件', 'a ZIP archive that cannot be read');
  const has = (name: string) => names.some((n) => n.toLowerCase() === name.toLowerCase());
  const under = (dir: string) => names.some((n) => n.startsWith(dir));
  if (has('OFD.xml')) return accept('ofd');
  if (has('[Content_Types].xml')) {
    // macro-enabled documents (.docm, .xlsm, .pptm) carry a VBA project: code, not a paper
    if (names.some((n) => /(^|\/)vbaProject\.bin$/i.test(n)))
      return refuse('含宏代码的 Office 文档（vbaProject.bin）', 'an Office document with macros (vbaProject.bin)');
    if (under('word/')) return accept('docx');
    if (under('xl/')) return accept('xlsx');
    if (under('ppt/')) return accept('pptx');
  }
  return refuse(
    'ZIP 压缩文件（不是 Word、Excel、PowerPoint 或 OFD 文档）',
    'a ZIP archive that is not a Word, Excel, PowerPoint or OFD document',
  );
}

const utf16 = (s: string) => Buffer.from(s, 'utf16le');

/** An OLE2 compound file: a Word, Excel or PowerPoint document by the stream it holds; anything else (an .msi installer) is refused. */
function sniffOle(b: Buffer): Sniffed {
  if (b.includes(utf16('_VBA_PROJECT')) || b.includes(utf16('Macros')))
    return refuse('含宏代码的旧版 Office 文档', 'a legacy Office document with macros');
  if (b.includes(utf16('WordDocument'))) return accept('doc');
  if (b.includes(utf16('Workbook')) || b.includes(utf16('Book'))) return accept('xls');
  if (b.includes(utf16('PowerPoint Document'))) return accept('ppt');
  return refuse(
    'OLE2 复合文件（不是 Word、Excel 或 PowerPoint 文档，可能是安装程序）',
    'an OLE2 compound file that is not a Word, Excel or PowerPoint document (an installer, perhaps)',
  );
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** What the bytes are, if Docket keeps such files; else what was found, for the refusal. */
export function sniff(b: Buffer): Sniffed {
  if (b.length === 0) return refuse('空文件', 'an empty file');
  // executables and scripts first, by name in the refusal
  if (starts(b, [0x4d, 0x5a])) return refuse('Windows 可执行程序（MZ）', 'a Windows executable (MZ)');
  if (starts(b, [0x7f, 0x45, 0x4c, 0x46])) return refuse('Linux 可执行程序（ELF）', 'a Linux executable (ELF)');
  for (const magic of [
    [0xfe, 0xed, 0xfa, 0xce],
    [0xfe, 0xed, 0xfa, 0xcf],
    [0xce, 0xfa, 0xed, 0xfe],
    [0xcf, 0xfa, 0xed, 0xfe],
    [0xca, 0xfe, 0xba, 0xbe],
  ])
    if (starts(b, magic)) return refuse('macOS 可执行程序（Mach-O）或 Java 类文件', 'a macOS executable (Mach-O) or a Java class');
  if (starts(b, [0x23, 0x21]) || starts(b, [0xef, 0xbb, 0xbf, 0x23, 0x21])) return refuse('脚本文件（#!）', 'a script (#!)');

  if (starts(b, [0x25, 0x50, 0x44, 0x46, 0x2d])) return accept('pdf');
  if (starts(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return accept('png');
  if (starts(b, [0xff, 0xd8, 0xff])) return accept('jpeg');
  if (starts(b, [0x50, 0x4b, 0x03, 0x04])) return sniffZip(b);
  if (starts(b, [0x50, 0x4b, 0x05, 0x06]) || starts(b, [0x50, 0x4b, 0x07, 0x08]))
    return refuse('空的或分卷的 ZIP 压缩文件', 'an empty or split ZIP archive');
  if (starts(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return sniffOle(b);

  if (!b.includes(0)) {
    try {
      utf8.decode(b);
      return accept('text');
    } catch {
      // not UTF-8: below
    }
  }
  return refuse('无法识别的文件格式', 'a file of an unknown format');
}
