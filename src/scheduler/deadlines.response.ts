// The answer of POST /api/deadlines/run, as a class the Swagger CLI plugin describes.

export class DeadlineRun {
  today: string;
  markedOverdue: number;
  expired: number;
}
