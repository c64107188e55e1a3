/** A sentence in both languages Docket speaks: Chinese by default, English on request. */
export interface Text {
  zh: string;
  en: string;
}

export type Language = keyof Text;

export const text = (zh: string, en: string): Text => ({ zh, en });

const DIGITS = '零一二三四五六七八九';

/** 15 → 十五, 26 → 二十六, 113 → 一百一十三: article numbers as the official text writes them. */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 999) throw new RangeError(`unsupported numeral ${n}`);
  if (n < 10) return DIGITS[n];
  if (n < 20) return '十' + (n % 10 ? DIGITS[n % 10] : '');
  if (n < 100) return DIGITS[Math.floor(n / 10)] + '十' + (n % 10 ? DIGITS[n % 10] : '');
  const rest = n % 100;
  const head = DIGITS[Math.floor(n / 100)] + '百';
  if (rest === 0) return head;
  if (rest < 10) return head + '零' + DIGITS[rest];
  return head + (rest < 20 ? '一' : '') + chineseNumeral(rest);
}

/** Legal sources Docket cites. Each returns the citation in both languages. */
export const law = {
  /** 《重大行政决策程序暂行条例》(国务院令第713号) */
  decree713: (article: number, note?: string): Text =>
    text(
      `《重大行政决策程序暂行条例》第${chineseNumeral(article)}条${note ? `（${note}）` : ''}`,
      `Decree 713 Art. ${article}${note ? ` (${note})` : ''}`,
    ),
  /** 国办发〔2018〕37号 关于加强行政规范性文件制定和监督管理工作的通知 */
  gbf37: (item: string, itemEn: string): Text =>
    text(`国办发〔2018〕37号（${item}）`, `State Council General Office Circular [2018] No. 37 (${itemEn})`),
  /** 国办发〔2018〕115号 关于全面推行行政规范性文件合法性审核机制的指导意见 */
  gbf115: (item: string, itemEn: string): Text =>
    text(`国办发〔2018〕115号（${item}）`, `State Council General Office Opinion [2018] No. 115 (${itemEn})`),
  /** 《中华人民共和国民法典》 */
  civilCode: (article: number): Text => text(`《中华人民共和国民法典》第${chineseNumeral(article)}条`, `Civil Code Art. ${article}`),
  /** 江苏省人民政府令第158号（江苏省行政规范性文件管理规定） */
  jiangsu158: (item: string, itemEn: string): Text =>
    text(`江苏省人民政府令第158号（${item}）`, `Jiangsu Government Decree No. 158 (${itemEn})`),
  /** 《公平竞争审查条例》(国务院令第783号, in force 2024-08-01) */
  fairCompetition: (article: number): Text =>
    text(`《公平竞争审查条例》第${chineseNumeral(article)}条`, `Fair Competition Review Regulations Art. ${article}`),
  local: (item: string, itemEn: string): Text => text(`地方规定（${item}）`, `Local rules (${itemEn})`),
};
