// Reference data every page needs: departments (id → name) and the procedures (stages, diagram,
// events with their data schema), loaded once. The list describes each procedure's newest
// version; a case on an earlier version is shown with the description of its own version.
import { reactive, watch } from 'vue';
import { i18n, pageLanguage } from '../i18n';
import { api, type Colleague, type Department, type Government, type Procedure } from './api';
import { cnDate } from './format';
import { EXTRA_EVENT_LABELS, versionLabel } from './labels';
import { session } from './session';

export const refdata = reactive<{ departments: Department[]; procedures: Procedure[]; colleagues: Colleague[]; governments: Government[] }>(
  {
    departments: [],
    procedures: [],
    colleagues: [],
    governments: [],
  },
);

let departmentsLoading: Promise<void> | null = null;
let colleaguesLoading: Promise<void> | null = null;

/** Colleagues (the active ones to transfer a case to or copy it to; all, to name who did what in a history). */
export function loadColleagues(): Promise<void> {
  colleaguesLoading ??= api
    .get<Colleague[]>('/users/directory')
    .then((c) => {
      refdata.colleagues = c;
    })
    .catch(() => {
      colleaguesLoading = null;
    });
  return colleaguesLoading;
}

/** A user's display name, or '' for one the directory does not list (the system, the public). */
export function personName(id: string | null | undefined): string {
  if (!id) return '';
  return refdata.colleagues.find((c) => c.id === id)?.displayName ?? '';
}
let proceduresLoading: Promise<void> | null = null;
let governmentsLoading: Promise<void> | null = null;
/** whose governments were asked: another user signing in on the same page sees others */
let governmentsOf: string | undefined;

/** The governments the signed-in user sees (their own; a supervisor's, every one below too; the admin's, all), from the top down. */
export function loadGovernments(): Promise<void> {
  if (governmentsOf !== session.me?.id) {
    governmentsOf = session.me?.id;
    governmentsLoading = null;
  }
  governmentsLoading ??= api
    .get<Government[]>('/governments')
    .then((g) => {
      refdata.governments = g;
    })
    .catch(() => {
      governmentsLoading = null;
    });
  return governmentsLoading;
}

/** A government's name (泗阳县人民政府), or its id while the list is not loaded. */
export function governmentName(id: string | null | undefined): string {
  if (!id) return '';
  return refdata.governments.find((g) => g.id === id)?.name ?? id;
}

export function loadDepartments(): Promise<void> {
  departmentsLoading ??= api
    .get<Department[]>('/departments')
    .then((d) => {
      refdata.departments = d;
    })
    .catch(() => {
      departmentsLoading = null;
    });
  return departmentsLoading;
}

export function loadProcedures(): Promise<void> {
  proceduresLoading ??= api
    .publicGet<Procedure[]>('/procedures')
    .then((p) => {
      refdata.procedures = p;
    })
    .catch(() => {
      proceduresLoading = null;
    });
  return proceduresLoading;
}

const earlier = reactive<Record<string, Procedure>>({});
const earlierLoading = new Map<string, Promise<Procedure | undefined>>();

/**
 * The description of one version of a procedure: the newest from the list, an earlier one asked
 * of the server once (`?version=`) and kept. Undefined when it cannot be loaded.
 */
export async function loadProcedureVersion(id: string, version: number): Promise<Procedure | undefined> {
  await loadProcedures();
  const newest = procedureOf(id);
  if (newest && newest.version === version) return newest;
  const key = `${id}@${version}`;
  if (earlier[key]) return earlier[key];
  let loading = earlierLoading.get(key);
  if (!loading) {
    loading = api
      .publicGet<Procedure>(`/procedures/${encodeURIComponent(id)}?version=${version}`)
      .then((p) => {
        earlier[key] = p;
        return p;
      })
      .catch(() => {
        earlierLoading.delete(key);
        return undefined;
      });
    earlierLoading.set(key, loading);
  }
  return loading;
}

// the procedures' words come from the server in the page's language: asked again when it changes
watch(pageLanguage, () => {
  const loaded = proceduresLoading !== null;
  proceduresLoading = null;
  earlierLoading.clear();
  for (const key of Object.keys(earlier)) delete earlier[key];
  if (loaded) void loadProcedures();
});

export function departmentName(id: string | null | undefined): string {
  if (!id) return '';
  return refdata.departments.find((d) => d.id === id)?.name ?? id;
}

export function procedureOf(id: string): Procedure | undefined {
  return refdata.procedures.find((p) => p.id === id);
}

export function eventLabel(type: string, procedure?: string | Procedure): string {
  const procs =
    typeof procedure === 'object'
      ? [procedure, ...refdata.procedures.filter((p) => p.id === procedure.id)]
      : procedure
        ? refdata.procedures.filter((p) => p.id === procedure)
        : refdata.procedures;
  for (const p of procs) {
    const ev = p.events.find((e) => e.type === type);
    if (ev) return ev.label;
  }
  return EXTRA_EVENT_LABELS[type] ?? type;
}

export function stageLabel(procedure: string, stage: string): string {
  return procedureOf(procedure)?.stages.find((s) => s.id === stage)?.label ?? stage;
}

/**
 * Which version of its procedure a case follows, in plain words (`按第 1 版办理规程（2019年9月1日起施行）办理`),
 * and (`why`) what that means, when a newer version is in force too.
 */
export function procedureVersionText(procedure: string, version: number): { text: string; why: string } {
  const t = i18n.global.t;
  const p = procedureOf(procedure);
  const label = versionLabel(version);
  const from = p?.versions.find((v) => v.version === version)?.effectiveFrom;
  const text = from ? t('case.version.followsFrom', { version: label, from: cnDate(from) }) : t('case.version.follows', { version: label });
  const newest = p?.versions.reduce((a, b) => (b.version > a.version ? b : a));
  const why =
    newest && newest.version > version
      ? t('case.version.whyOlder', { version: label, newest: versionLabel(newest.version), from: cnDate(newest.effectiveFrom) })
      : t('case.version.whyCurrent', { version: label });
  return { text, why };
}
