// The signed-in user, shared by every page.
import { reactive } from 'vue';
import { api, getToken, setToken, type Me, type Role } from './api';

export const session = reactive<{ me: Me | null; ready: boolean }>({ me: null, ready: false });

export const hasRole = (...roles: Role[]) => Boolean(session.me?.roles.some((r) => roles.includes(r)));

/** Load the user behind the stored token, once at start. */
export async function restoreSession(): Promise<void> {
  if (session.ready) return;
  if (getToken()) {
    try {
      session.me = await api.get<Me>('/me');
    } catch {
      setToken(null);
      session.me = null;
    }
  }
  session.ready = true;
}

export async function signIn(username: string, password: string): Promise<Me> {
  const { accessToken } = await api.publicPost<{ accessToken: string }>('/auth/login', { username, password });
  setToken(accessToken);
  session.me = await api.get<Me>('/me');
  session.ready = true;
  return session.me;
}

export function signOut(): void {
  setToken(null);
  session.me = null;
}
