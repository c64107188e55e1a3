// The answer of POST /api/deadlines/run, as a class the Swagger CLI plugin describes.

export class DeadlineRun {
  today: string;
  markedOverdue: number;
  expired: number;
  /** cases whose holders were newly reminded of a due date within the reminder's working days */
  reminded: number;
  /** overdue cases whose holders (and supervisors) were newly told */
  overdueNotified: number;
}
