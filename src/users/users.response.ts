import { Me } from '../auth/auth.response';

// The answers of /api/users and /api/departments, as classes the Swagger CLI plugin describes.

/** A user as an admin sees them: deactivated ones too, still named. */
export class UserView extends Me {
  /** where e-mail notifications go */
  email: string | null;
  active: boolean;
  deactivatedAt: string | null;
}

export class Department {
  id: string;
  name: string;
  /** the department's prefix for its documents' numbers */
  documentPrefix: string | null;
  /** the government it is a department of */
  governmentId: string;
}
