import JSZip from 'jszip';
import { chineseDate, contentDisposition, renderPaper } from './layout';

/** The text of a .docx, runs joined (Word splits text across runs). */
export async function docxText(buf: Buffer): Promise<{ xml: string; text: string; zip: JSZip }> {
  const zip = await JSZip.loadAsync(buf);
  const xml = await zip.file('word/document.xml')!.async('string');
  const text = [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
  return { xml, text, zip };
}

describe('paper layout', () => {
  it('writes dates in Chinese', () => {
    expect(chineseDate('2023-04-01')).toBe('2023年4月1日');
    expect(chineseDate('2023-12-25T08:00:00.000Z')).toBe('2023年12月25日');
    expect(() => chineseDate('soon')).toThrow();
  });

  it('encodes a Chinese filename per RFC 5987', () => {
    const h = contentDisposition('合法性审查意见书.docx');
    expect(h).toContain(`filename*=UTF-8''${encodeURIComponent('合法性审查意见书.docx')}`);
    expect(h).toMatch(/^attachment; filename="[\x20-\x7e]+"/);
  });

  it('renders a small paper in the GB/T 9704 manner', async () => {
    const buf = await renderPaper({
      title: '关于测试的通知',
      documentNumber: '县政办发〔2023〕1号',
      recipient: '各乡镇人民政府',
      blocks: [
        { kind: 'heading', text: '一、总体要求' },
        { kind: 'paragraph', text: '这是正文。' },
        { kind: 'table', header: ['序号', '意见'], rows: [['1', '同意']], widths: [1, 4] },
      ],
      signature: '县人民政府办公室',
      date: '2023-04-01',
    });
    const { xml, text, zip } = await docxText(buf);
    expect(text).toContain('关于测试的通知');
    expect(text).toContain('县政办发〔2023〕1号');
    expect(text).toContain('各乡镇人民政府：');
    expect(text).toContain('一、总体要求');
    expect(text).toContain('这是正文。');
    expect(text).toContain('同意');
    expect(text).toContain('县人民政府办公室');
    expect(text).toContain('2023年4月1日');
    // A4, margins 37/35/28/26 mm
    expect(xml).toMatch(/<w:pgSz[^>]*w:w="11906"[^>]*w:h="16838"/);
    expect(xml).toMatch(/<w:pgMar[^>]*w:top="2098"[^>]*w:right="1474"[^>]*w:bottom="1984"[^>]*w:left="1587"/);
    // title 2号 方正小标宋简体, body 仿宋_GB2312 3号 indented two characters, heading 黑体
    expect(xml).toContain('w:eastAsia="方正小标宋简体"');
    expect(xml).toContain('<w:sz w:val="44"/>');
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
    expect(xml).toContain('w:eastAsia="黑体"');
    expect(xml).toMatch(/<w:ind w:firstLine="640"\/>/);
    expect(xml).toMatch(/<w:jc w:val="right"\/>/);
    // page numbers — n — at the foot
    const footers = Object.keys(zip.files).filter((f) => /^word\/footer\d+\.xml$/.test(f));
    expect(footers.length).toBeGreaterThan(0);
    const footer = await zip.file(footers[0])!.async('string');
    expect(footer).toContain('PAGE');
    expect(footer).toContain('— ');
    const fonts = await zip.file('word/fontTable.xml')!.async('string');
    expect(fonts).toContain('<w:altName w:val="宋体"/>');
    expect(fonts).toContain('<w:altName w:val="仿宋"/>');
  });
});
