// The bell: how many of the signed-in user's notifications are unread, asked of the server every
// 30 seconds while the page is in view, on every change of page, and right after the user changed
// something (which may have told them, or others, of it).
import { reactive } from 'vue';
import { afterChange, api, type NotificationItem, type NotificationList, type UnreadCount } from './api';
import { session } from './session';

export const bell = reactive<{ unread: number; latest: NotificationItem[]; loadingLatest: boolean; latestLoaded: boolean }>({
  unread: 0,
  latest: [],
  loadingLatest: false,
  /** the latest were loaded once (before that, an empty list says nothing) */
  latestLoaded: false,
});

const POLL_MS = 30_000;
let timer: ReturnType<typeof setInterval> | null = null;
/** the latest ask: an earlier one answering late must not overwrite it */
let asked = 0;

/** Ask the server for the unread count now (nothing when signed out). */
export async function refreshUnread(): Promise<void> {
  if (!session.me) return;
  const mine = ++asked;
  try {
    const { unread } = await api.get<UnreadCount>('/notifications/unread');
    if (mine === asked) bell.unread = unread;
  } catch {
    // the next poll tries again
  }
}

/** The latest few, for the bell's dropdown. */
export async function loadLatest(count = 6): Promise<void> {
  bell.loadingLatest = true;
  try {
    const list = await api.get<NotificationList>('/notifications', { page: 1, pageSize: count });
    bell.latest = list.items;
    bell.unread = list.unread;
    bell.latestLoaded = true;
  } catch {
    // the dropdown keeps what it showed
  } finally {
    bell.loadingLatest = false;
  }
}

/** Mark one read; the server answers the new count. */
export async function markRead(id: string): Promise<void> {
  const { unread } = await api.post<UnreadCount>(`/notifications/${id}/read`, {});
  bell.unread = unread;
  for (const n of bell.latest) if (n.id === id) n.read = true;
}

export async function markAllRead(): Promise<void> {
  const { unread } = await api.post<UnreadCount>('/notifications/read-all', {});
  bell.unread = unread;
  for (const n of bell.latest) n.read = true;
}

export function startPolling(): void {
  if (timer) return;
  void refreshUnread();
  timer = setInterval(() => {
    if (typeof document === 'undefined' || !document.hidden) void refreshUnread();
  }, POLL_MS);
  document.addEventListener('visibilitychange', onVisible);
}

export function stopPolling(): void {
  if (timer) clearInterval(timer);
  timer = null;
  document.removeEventListener('visibilitychange', onVisible);
  bell.unread = 0;
  bell.latest = [];
  bell.latestLoaded = false;
}

function onVisible() {
  if (!document.hidden) void refreshUnread();
}

// a change the user made (an event, a transfer, an urging…) may have told someone: ask again;
// marking notifications read answers the count itself
let pending: ReturnType<typeof setTimeout> | null = null;
afterChange((path) => {
  if (path.startsWith('/notifications') || path.startsWith('/auth/')) return;
  if (pending) clearTimeout(pending);
  pending = setTimeout(() => {
    pending = null;
    void refreshUnread();
  }, 300);
});

/**
 * Where a notice leads: its case; a filing received, the filing reviewer's filings (the document's
 * case is the filing government's, not theirs to read).
 */
export const noticeTarget = (n: Pick<NotificationItem, 'type' | 'caseId'>): string =>
  n.type === 'FILING_RECEIVED' ? '/filings' : `/cases/${n.caseId}`;
