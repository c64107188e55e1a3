// The Docket API as the pages use it: JSON under /api, the signed-in user's bearer token, and
// every refusal as an ApiError carrying the server's Chinese message and its blockers.

export interface Blocker {
  code: string;
  message: string;
  legalBasis: string;
}

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

type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

async function request<T>(method: string, path: string, body?: unknown, opts: { anonymous?: boolean } = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = opts.anonymous ? null : getToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(`/api${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试');
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
      e.message ?? `请求失败（${res.status}）`,
      e.blockers ?? [],
      e.details,
    );
    if (res.status === 401 && token) onUnauthenticated();
    throw error;
  }
  return json as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', withQuery(path, query)),
  post: <T>(path: string, body: unknown) => request<T>('POST', path, body),
  publicGet: <T>(path: string) => request<T>('GET', path, undefined, { anonymous: true }),
  publicPost: <T>(path: string, body: unknown) => request<T>('POST', path, body, { anonymous: true }),
};

/** Change one's own password: earlier tokens end, so the fresh token of the answer is kept and the page goes on. */
export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  const { accessToken } = await api.post<{ accessToken: string }>('/auth/password', { currentPassword, newPassword });
  setToken(accessToken);
}

/** Sign out on the server too, so the token stops working everywhere; the page signs out even if this fails. */
export async function endSession(): Promise<void> {
  if (getToken()) await api.post<void>('/auth/logout', {}).catch(() => undefined);
}

/** Download a file the API serves (the archive), with the bearer token, as the browser's download. */
export async function download(path: string, filename: string): Promise<void> {
  const token = getToken();
  const res = await fetch(`/api${path}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  if (!res.ok) {
    const e = (await res.json().catch(() => ({}))) as { code?: string; message?: string };
    throw new ApiError(res.status, e.code ?? 'HTTP_' + res.status, e.message ?? `下载失败（${res.status}）`);
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

export type Role = 'official' | 'reviewer' | 'secretariat' | 'supervisor' | 'admin';

export interface Me {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  department: string | null;
}

export interface Department {
  id: string;
  name: string;
  documentPrefix: string | null;
}

export interface DueSummary {
  date: string;
  code: string;
  label: string;
  provisional: boolean;
  overdue: boolean;
  overdueSince?: string | null;
  legalBasis?: string;
}

export interface CaseSummary {
  id: string;
  procedure: string;
  title: string;
  department: string;
  stage: string;
  stageLabel: string;
  /** the version of its procedure the case runs on */
  procedureVersion?: number;
  version: number;
  updatedAt: string;
  reportYear: number | null;
  due: DueSummary | null;
}

export interface CasePage {
  page: number;
  pageSize: number;
  total: number;
  items: CaseSummary[];
}

export interface Refusal {
  at: string;
  method: string;
  path: string;
  status: number;
  code: string;
  message: string;
  /** the codes of the rules that refused it */
  blockers: (string | Blocker)[];
}

export interface Inbox {
  awaiting: CaseSummary[];
  overdue: CaseSummary[];
  refused: Refusal[];
}

export interface Action {
  type: string;
  label: string;
  allowed: boolean;
  blockers: Blocker[];
}

export interface CommentRecord {
  id: string;
  content: string;
  submitter?: string;
  receivedOn: string;
  disposition?: { disposition: string; reason: string; disposedOn: string };
}

/** An edition of the rules (the periods and limits a jurisdiction sets), as a case names it. */
export interface RulebookRef {
  edition: string;
  name: string;
  effectiveFrom?: string;
}

export interface CaseDetail {
  id: string;
  procedure: string;
  procedureVersion: number;
  /** what the case's procedure version changed from the one before (none for a first version) */
  procedureChanges: string | null;
  /** the editions of the rules that judged its steps */
  rulebooks: RulebookRef[];
  title: string;
  department: string;
  stage: string;
  stageLabel: string;
  state: unknown;
  version: number;
  createdAt: string;
  updatedAt: string;
  comments: CommentRecord[];
  documentNumber?: string;
  effectiveDate?: string;
  validUntil?: string;
  due: (DueSummary & { legalBasis: string }) | null;
  complianceIssues: { code: string; step: string; message: string }[];
  record: Record<string, unknown>;
  actions: Action[];
}

export interface HistoryEvent {
  id: number;
  seq: number;
  type: string;
  actorRole: string;
  occurredAt: string;
  recordedAt: string;
  data: Record<string, unknown>;
  hash?: string;
  /** the edition of the rules in force the day it happened, which judged it */
  rulebook?: string;
}

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

export interface ProcedureEventDef {
  type: string;
  label: string;
  by: string;
  system: boolean;
  legalBasis: string;
  schema: JsonSchema;
}

export interface DiagramNode {
  id: string;
  parent: string | null;
  kind: 'atomic' | 'compound' | 'parallel' | 'final' | 'history';
  label: string;
}

export interface DiagramEdge {
  from: string;
  to: string;
  event: string;
  label: string;
}

export interface ProcedureVersionInfo {
  version: number;
  effectiveFrom: string;
  changes: string | null;
  /** the version whose open cases may be moved onto this one, if it declares a migration */
  migratesFrom: number | null;
}

export interface Procedure {
  id: string;
  version: number;
  effectiveFrom?: string;
  changes?: string | null;
  versions?: ProcedureVersionInfo[];
  label: string;
  stages: { id: string; label: string }[];
  diagram: { nodes: DiagramNode[]; edges: DiagramEdge[]; stageEdges: DiagramEdge[] };
  events: ProcedureEventDef[];
}

export interface Rate {
  value: number | null;
  numerator: number;
  denominator: number;
}

export interface NonCompliant {
  caseId: string;
  title: string;
  department: string;
  documentNumber?: string;
  reasons: { code: string; step: string; message: string }[];
}

export interface ComplianceReport {
  year: number;
  normativeDocuments: {
    published: number;
    filed: number;
    filedOnTime: number;
    filingRate: Rate;
    timelyFilingRate: Rate;
    standardizationRate: Rate;
    nonCompliant: NonCompliant[];
  };
  majorDecisions: {
    inCatalogue: number;
    started: number;
    decided: number;
    published: number;
    archived: number;
    outsideCatalogue: { caseId: string; title: string; department: string; catalogueItemId: string | null; startedOn: string }[];
    nonCompliant: NonCompliant[];
  };
  cleanups: {
    id: string;
    name: string;
    cutoffDate: string;
    completedOn: string | null;
    total: number;
    continued: number;
    amended: number;
    repealed: number;
  }[];
  overdueNow: number;
  /** the year's cases by procedure version and the editions of the rules that judged them */
  rules?: {
    procedure: string;
    procedureLabel: string;
    procedureVersion: number;
    rulebooks: { edition: string; name: string }[];
    cases: number;
  }[];
}

export interface DepartmentRow {
  department: string;
  published: number;
  filingRate: Rate;
  timelyFilingRate: Rate;
  standardizationRate: Rate;
  decisionsStarted: number;
  decisionsArchived: number;
  overdueNow: number;
}

export interface StageCount {
  procedure: string;
  stage: string;
  count: number;
}

export interface VerifyResult {
  ok: boolean;
  checkedEvents: number;
  firstBrokenEventId: number | null;
}

export interface CatalogueItem {
  id: string;
  year: number;
  seq: number;
  title: string;
  department: string;
  addedOn: string;
  adjustmentReason: string | null;
  withdrawnOn: string | null;
  withdrawalReason: string | null;
}

export interface Catalogue {
  year: number;
  publishedOn: string | null;
  items: CatalogueItem[];
}

export interface CleanupSummary {
  id: string;
  name: string;
  cutoffDate: string;
  issuingOrgan: string;
  createdOn: string;
  completedOn: string | null;
  resultReference: string | null;
  total: number;
  continued: number;
  amended: number;
  repealed: number;
  undecided: number;
}

export interface CleanupDetail extends CleanupSummary {
  items: {
    caseId: string;
    documentNumber: string;
    title: string;
    decision: 'continue' | 'amend' | 'repeal' | null;
    reason: string | null;
    decidedOn: string | null;
  }[];
}

export interface Consultation {
  id: string;
  procedure: string;
  title: string;
  department: string;
  startDate: string;
  endDate: string;
  channels: string[];
  draftText: string;
}

/** What moving open cases onto a newer version of their procedure would do (the dry run). */
export interface MigrationPlan {
  procedure: string;
  fromVersion: number;
  toVersion: number;
  changes: string | null;
  legalBasis: string;
  movable: { id: string; title: string; department: string; fromStage: string; toStage: string }[];
  refused: { id: string; title: string; department: string; stage: string; reason: string }[];
}

/** A migration an admin ran (stages are the procedure's stage ids). */
export interface MigrationRecord {
  id: string;
  procedure: string;
  fromVersion: number;
  toVersion: number;
  justification: string;
  legalBasis: string;
  actorId: string;
  at: string;
  moved: { id: string; title: string; fromStage: string; toStage: string }[];
  refused: { id: string; title: string; stage: string; reason: string }[];
}
