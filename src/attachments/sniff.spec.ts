import JSZip from 'jszip';
import { sniff, zipEntries } from './sniff';

const zip = async (files: Record<string, string>) => {
  const z = new JSZip();
  for (const [name, content] of Object.entries(files)) z.file(name, content);
  return z.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
};

const ole = (...streams: string[]) =>
  Buffer.concat([
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
    Buffer.alloc(504),
    ...streams.map((s) => Buffer.from(s, 'utf16le')),
  ]);

const kind = (b: Buffer) => {
  const s = sniff(b);
  return s.ok ? s.kind : `refused: ${s.found.en}`;
};

describe('sniff: what a file is, by its bytes', () => {
  it('knows PDF, PNG, JPEG and UTF-8 text', () => {
    expect(kind(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'))).toBe('pdf');
    expect(kind(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))).toBe('png');
    expect(kind(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]))).toBe('jpeg');
    expect(kind(Buffer.from('关于城区停车管理的起草说明\n一、必要性\n'))).toBe('text');
    expect(sniff(Buffer.from('a')).ok && (sniff(Buffer.from('a')) as { contentType: string }).contentType).toBe(
      'text/plain; charset=utf-8',
    );
  });

  it('refuses executables and scripts, naming what they are', () => {
    expect(kind(Buffer.from('MZ\x90\x00\x03\x00\x00\x00'))).toBe('refused: a Windows executable (MZ)');
    expect(kind(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]))).toBe('refused: a Linux executable (ELF)');
    expect(kind(Buffer.from([0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1]))).toMatch(/Mach-O/);
    expect(kind(Buffer.from([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 2]))).toMatch(/Mach-O/);
    expect(kind(Buffer.from('#!/bin/sh\nrm -rf /\n'))).toBe('refused: a script (#!)');
    expect(kind(Buffer.from('\ufeff#!/usr/bin/env python\n'))).toBe('refused: a script (#!)');
    // the name a client gives does not matter: the bytes are read
    const mz = sniff(Buffer.from('MZ'));
    expect(mz.ok).toBe(false);
    if (!mz.ok) expect(mz.found.zh).toBe('Windows 可执行程序（MZ）');
  });

  it('takes a ZIP only when it is OOXML (Word, Excel, PowerPoint) or OFD', async () => {
    const types = '<?xml version="1.0"?><Types/>';
    expect(kind(await zip({ '[Content_Types].xml': types, 'word/document.xml': '<w:document/>' }))).toBe('docx');
    expect(kind(await zip({ '[Content_Types].xml': types, 'xl/workbook.xml': '<workbook/>' }))).toBe('xlsx');
    expect(kind(await zip({ '[Content_Types].xml': types, 'ppt/presentation.xml': '<p/>' }))).toBe('pptx');
    expect(kind(await zip({ 'OFD.xml': '<ofd:OFD/>', 'Doc_0/Document.xml': '<d/>' }))).toBe('ofd');
    expect(kind(await zip({ 'readme.txt': 'hello', 'setup.exe': 'MZ' }))).toMatch(/^refused: a ZIP archive that is not/);
    // [Content_Types].xml alone is not enough: no Word, Excel or PowerPoint part
    expect(kind(await zip({ '[Content_Types].xml': types, 'other/x.xml': '<x/>' }))).toMatch(/^refused: a ZIP archive/);
    expect(kind(await zip({ '[Content_Types].xml': types, 'word/document.xml': '<w/>', 'word/vbaProject.bin': 'x' }))).toMatch(/macros/);
    expect(kind(Buffer.from('PK\x03\x04garbage without a directory'))).toBe('refused: a ZIP archive that cannot be read');
  });

  it('reads the names of a ZIP archive from its central directory', async () => {
    expect(zipEntries(await zip({ 'a.txt': 'a', 'dir/b.xml': 'b' }))).toEqual(['a.txt', 'dir/', 'dir/b.xml']);
    expect(zipEntries(Buffer.from('not a zip at all, and long enough to hold a record'))).toBeNull();
  });

  it('takes legacy Office (OLE2) documents, not other compound files such as installers', () => {
    expect(kind(ole('Root Entry', 'WordDocument', '1Table'))).toBe('doc');
    expect(kind(ole('Root Entry', 'Workbook'))).toBe('xls');
    expect(kind(ole('Root Entry', 'PowerPoint Document'))).toBe('ppt');
    expect(kind(ole('Root Entry', 'WordDocument', 'Macros', '_VBA_PROJECT'))).toMatch(/macros/);
    expect(kind(ole('Root Entry', '\u4840\u3f3f\u4577'))).toMatch(/installer/);
  });

  it('refuses what it does not know: binary data, text that is not UTF-8, an empty file', () => {
    expect(kind(Buffer.from([0x00, 0x01, 0x02, 0x03]))).toBe('refused: a file of an unknown format');
    expect(kind(Buffer.from('hello\u0000world'))).toBe('refused: a file of an unknown format');
    expect(kind(Buffer.from([0xb9, 0xd8, 0xd3, 0xda]))).toBe('refused: a file of an unknown format'); // GBK, not UTF-8
    expect(kind(Buffer.from('GIF89a'))).toBe('text'); // a GIF header alone is ASCII text; a real GIF has binary bytes
    expect(kind(Buffer.alloc(0))).toBe('refused: an empty file');
  });
});
