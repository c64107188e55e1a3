// The Docket API as the pages use it: JSON under /api, the signed-in user's bearer token, and
// every refusal as an ApiError carrying the server's Chinese message and its blockers.

import type { components, operations } from '../api/schema';
import { i18n, pageLanguage } from '../i18n';

/** The answers' shapes, generated from the server's OpenAPI document (web/src/api, `npm run openapi`). */
type Schemas = components['schemas'];

export type Blocker = Schemas['Blocker'];

export interface FieldProblem {
  field: string;
  problems: string[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly blockers: Blocker[] = [],
    readonly details?: unknown,
  ) {
    super(message);
  }

  /** the server's field problems of a 400, as `data.experts.0.name` paths */
  get fieldProblems(): FieldProblem[] {
    return Array.isArray(this.details)
      ? (this.details as unknown[]).filter((d): d is FieldProblem => typeof d === 'object' && d !== null && 'field' in d)
      : [];
  }
}

const TOKEN_KEY = 'docket.token';

export function getToken(): string | null {
  try {
    return localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function setToken(token: string | null): void {
  try {
    if (token) localStorage.setItem(TOKEN_KEY, token);
    else localStorage.removeItem(TOKEN_KEY);
  } catch {
    // private mode: the session lasts as long as the page
  }
}

let onUnauthenticated: () => void = () => undefined;

/** What to do when the server says the session is over (401 on a signed-in call). */
export function whenUnauthenticated(handler: () => void): void {
  onUnauthenticated = handler;
}

const changeListeners: ((path: string) => void)[] = [];

/** Be told after every change the signed-in user made (a POST, PUT or DELETE the server accepted), with its path. */
export function afterChange(listener: (path: string) => void): void {
  changeListeners.push(listener);
}

type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

/** What every request of the pages says: the page's language (not the browser's), and who signs it. */
function baseHeaders(anonymous = false): Record<string, string> {
  const headers: Record<string, string> = { 'Accept-Language': pageLanguage() };
  const token = anonymous ? null : getToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  return headers;
}

async function request<T>(method: string, path: string, body?: unknown, opts: { anonymous?: boolean } = {}): Promise<T> {
  const headers: Record<string, string> = { ...baseHeaders(opts.anonymous), Accept: 'application/json' };
  const signed = 'Authorization' in headers;
  // a form (an upload) goes as multipart, its boundary set by the browser
  const form = body instanceof FormData;
  if (body !== undefined && !form) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(`/api${path}`, { method, headers, body: body === undefined ? undefined : form ? body : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'NETWORK', i18n.global.t('common.network'));
  }
  const text = await res.text();
  let json: unknown = undefined;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  if (!res.ok) {
    const e = (json ?? {}) as { code?: string; message?: string; blockers?: Blocker[]; details?: unknown };
    const error = new ApiError(
      res.status,
      e.code ?? 'HTTP_' + res.status,
      e.message ?? i18n.global.t('common.requestFailed', { status: res.status }),
      e.blockers ?? [],
      e.details,
    );
    if (res.status === 401 && signed) onUnauthenticated();
    throw error;
  }
  if (method !== 'GET' && signed) for (const l of changeListeners) l(path);
  return json as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', withQuery(path, query)),
  post: <T>(path: string, body: unknown) => request<T>('POST', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
  /** multipart/form-data (an attachment) */
  postForm: <T>(path: string, form: FormData) => request<T>('POST', path, form),
  publicGet: <T>(path: string) => request<T>('GET', path, undefined, { anonymous: true }),
  publicPost: <T>(path: string, body: unknown) => request<T>('POST', path, body, { anonymous: true }),
};

/** Change one's own password: earlier tokens end, so the fresh token of the answer is kept and the page goes on. */
export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  const { accessToken } = await api.post<AccessToken>('/auth/password', { currentPassword, newPassword });
  setToken(accessToken);
}

/** Sign out on the server too, so the token stops working everywhere; the page signs out even if this fails. */
export async function endSession(): Promise<void> {
  if (getToken()) await api.post<void>('/auth/logout', {}).catch(() => undefined);
}

/** Download a file the API serves (the archive), with the bearer token, as the browser's download. */
export async function download(path: string, filename: string): Promise<void> {
  const res = await fetch(`/api${path}`, { headers: baseHeaders() });
  if (!res.ok) {
    const e = (await res.json().catch(() => ({}))) as { code?: string; message?: string };
    throw new ApiError(
      res.status,
      e.code ?? 'HTTP_' + res.status,
      e.message ?? i18n.global.t('common.downloadFailed', { status: res.status }),
    );
  }
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

// ───────────────────────── shapes of the API's answers ─────────────────────────
// Aliases of the generated types, under the names the pages import.

export type Role = Schemas['Me']['roles'][number];
export type Me = Schemas['Me'];
export type UserView = Schemas['UserView'];
export type Department = Schemas['Department'];
export type NewUser = Schemas['CreateUserDto'];
export type UserRoles = Schemas['SetRolesDto'];
export type DepartmentInput = Schemas['DepartmentDto'];
/** 政府: the county, the city above it, the province */
export type Government = Schemas['Government'];
export type GovernmentRef = Schemas['GovernmentRef'];
export type GovernmentFigures = Schemas['GovernmentFigures'];
export type PublicGovernment = Schemas['PublicGovernment'];

export type DueSummary = Schemas['DueSummary'];
export type CaseSummary = Schemas['CaseSummary'];
export type CasePage = Schemas['CasePage'];
export type Refusal = Schemas['Refusal'];
export type Inbox = Schemas['Inbox'];
export type Action = Schemas['Action'];
export type CommentRecord = Schemas['CommentRecord'];
export type RulebookRef = Schemas['RulebookRef'];
export type CaseDetail = Schemas['CaseView'];
export type PaperListing = Schemas['PaperListing'];
export type HistoryEvent = Schemas['HistoryEvent'];
/** 承办人 and other people a case names */
export type CasePerson = Schemas['Person'];
export type CaseCopy = Schemas['CaseCopy'];
/** 转办, 抄送, 催办 as the signed-in user may do them on a case */
export type OfficeAct = Schemas['OfficeAct'];
export type OfficeActType = Schemas['OfficeActType'];
export type Colleague = Schemas['Colleague'];
/** whose list of cases: 待办, 已办, 我发起的, 抄送我的 */
export type CaseListView = NonNullable<NonNullable<operations['CasesController_list']['parameters']['query']>['view']>;

export type NotificationItem = Schemas['NotificationItem'];
export type NotificationList = Schemas['NotificationList'];
export type NotificationType = Schemas['NotificationType'];
export type UnreadCount = Schemas['UnreadCount'];

/** The JSON Schema keywords the server emits for events' data (each event's schema stands alone with its own definitions). */
export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: string[];
  format?: string;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  $ref?: string;
  definitions?: Record<string, JsonSchema>;
  additionalProperties?: boolean;
};

/** An event of a procedure; its data's schema is JSON Schema, which the OpenAPI document leaves open. */
export type ProcedureEventDef = Omit<Schemas['ProcedureEventDef'], 'schema'> & { schema: JsonSchema };
export type DiagramNode = Schemas['DiagramNode'];
export type DiagramEdge = Schemas['DiagramEdge'];
export type ProcedureVersionInfo = Schemas['ProcedureVersionInfo'];
export type Procedure = Omit<Schemas['Procedure'], 'events'> & { events: ProcedureEventDef[] };

export type Rate = Schemas['Rate'];
export type NonCompliant = Schemas['NonCompliant'];
export type ComplianceReport = Schemas['ComplianceReport'];
export type DepartmentRow = Schemas['DepartmentRow'];
export type StageCount = Schemas['StageCount'];
export type VerifyResult = Schemas['VerifyResult'];
export type AnnualReport = Schemas['AnnualReport'];
export type AnnualFigure = Schemas['AnnualFigure'];
export type FilingReviewReport = Schemas['FilingReviewReport'];

/** 备案审查: a filed document at the government it was filed with, and what the filing government still owes */
export type Filing = Schemas['Filing'];
export type FilingStatus = Schemas['FilingStatus'];
export type FilingConclusion = Schemas['FilingConclusion'];
export type FilingTask = Schemas['FilingTask'];
export type PublicFilingCatalogue = Schemas['PublicFilingCatalogue'];

export type CatalogueItem = Schemas['CatalogueItem'];
export type Catalogue = Schemas['Catalogue'];

export type CleanupSummary = Schemas['CleanupSummary'];
export type CleanupDetail = Schemas['CleanupDetail'];

export type Consultation = Schemas['Consultation'];
export type ConsultationPage = Schemas['ConsultationPage'];
export type AdoptionSummary = Schemas['AdoptionSummary'];
export type ReceiptLookup = Schemas['ReceiptLookup'];
export type CommentReceipt = Schemas['CommentReceipt'];

export type MigrationPlan = Schemas['MigrationPlan'];
export type MigrationRecord = Schemas['MigrationRecord'];
export type MigrationRun = Schemas['MigrationRun'];
export type AccessToken = Schemas['AccessToken'];

export type AttachmentItem = Schemas['AttachmentItem'];
export type AttachmentCreated = Schemas['AttachmentCreated'];
export type AttachmentKind = Schemas['AttachmentKind'];
