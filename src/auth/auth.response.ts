import type { Role } from '../../workflows';

// The answers of /api/auth and /api/me, as classes the Swagger CLI plugin describes.

export class AccessToken {
  /** the bearer token for the Authorization header */
  accessToken: string;
}

/** A signed-in user. */
export class Me {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  department: string | null;
  /** the government they work for */
  governmentId: string;
  /** its place among the governments (`/jiangsu/suqian/siyang/`) */
  governmentPath: string;
}
