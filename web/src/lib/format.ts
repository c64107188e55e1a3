// Dates as a county official writes them, in Asia/Shanghai and in the page's language: 2023年6月5日
// in Chinese, 5 Jun 2023 in English. The names still say "cn" because every page calls them so.
import { pageLanguage } from '../i18n';

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

const shanghai = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Year, month (1–12) and day as the page's language writes a date. */
function written(year: number, month: number, day: number): string {
  return pageLanguage() === 'zh-CN' ? `${year}年${month}月${day}日` : `${day} ${MONTHS[month - 1]} ${year}`;
}

function parts(d: Date): Record<string, string> {
  return Object.fromEntries(shanghai.formatToParts(d).map((p) => [p.type, p.value]));
}

/** `2023-06-05` (or an ISO instant) → `2023年6月5日` (English: `5 Jun 2023`); empty for nothing. */
export function cnDate(value: string | null | undefined): string {
  if (!value) return '';
  const m = DATE_ONLY.exec(value.slice(0, 10));
  if (m && value.length === 10) return written(Number(m[1]), Number(m[2]), Number(m[3]));
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  const p = parts(d);
  return written(Number(p.year), Number(p.month), Number(p.day));
}

/** An instant → `2023年6月5日 14:05` (English: `5 Jun 2023 14:05`), Asia/Shanghai; a bare date stays a date. */
export function cnDateTime(value: string | null | undefined): string {
  if (!value) return '';
  if (value.length === 10) return cnDate(value);
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  const p = parts(d);
  return `${written(Number(p.year), Number(p.month), Number(p.day))} ${p.hour}:${p.minute}`;
}

/** Today in Asia/Shanghai as YYYY-MM-DD. */
export function todayIso(): string {
  const p = parts(new Date());
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

export function currentYear(): number {
  return Number(todayIso().slice(0, 4));
}

/** Calendar days from today (Asia/Shanghai) to `date`; negative when it has passed. */
export function daysUntil(date: string): number {
  const utc = (iso: string) => {
    const [y, m, d] = iso.split('-').map(Number);
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((utc(date) - utc(todayIso())) / 86_400_000);
}

/** 0.9523 → 95.2%; null (nothing to count) → —. */
export function percent(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  const p = Math.round(value * 1000) / 10;
  return `${p}%`;
}

/**
 * A date as people type it — 2023年6月5日, 2023-06-05, 2023/6/5, 2023.6.5 or 20230605 — as
 * YYYY-MM-DD; null when it names no real day.
 */
export function parseTypedDate(text: string): string | null {
  const s = text.trim().replace(/\s+/g, '');
  const m = /^(\d{4})(?:[-/.年](\d{1,2})[-/.月](\d{1,2})日?|(\d{2})(\d{2}))$/.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2] ?? m[4]), Number(m[3] ?? m[5])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
