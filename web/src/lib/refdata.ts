// Reference data every page needs: departments (id → name) and the procedures (stages, diagram,
// events with their data schema), loaded once.
import { reactive } from 'vue';
import { api, type Department, type Procedure } from './api';
import { EXTRA_EVENT_LABELS } from './labels';

export const refdata = reactive<{ departments: Department[]; procedures: Procedure[] }>({ departments: [], procedures: [] });

let departmentsLoading: Promise<void> | null = null;
let proceduresLoading: Promise<void> | null = null;

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

export function departmentName(id: string | null | undefined): string {
  if (!id) return '';
  return refdata.departments.find((d) => d.id === id)?.name ?? id;
}

export function procedureOf(id: string): Procedure | undefined {
  return refdata.procedures.find((p) => p.id === id);
}

export function eventLabel(type: string, procedure?: string): string {
  const procs = procedure ? refdata.procedures.filter((p) => p.id === procedure) : refdata.procedures;
  for (const p of procs) {
    const ev = p.events.find((e) => e.type === type);
    if (ev) return ev.label;
  }
  return EXTRA_EVENT_LABELS[type] ?? type;
}

export function stageLabel(procedure: string, stage: string): string {
  return procedureOf(procedure)?.stages.find((s) => s.id === stage)?.label ?? stage;
}
