import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Role } from '../../workflows';

/** The signed-in user as every service sees them. */
export interface Principal {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  department: string | null;
  /** the government they work for, and its path (`/jiangsu/suqian/siyang/`) */
  governmentId: string;
  governmentPath: string;
}

export const CurrentUser = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Principal => ctx.switchToHttp().getRequest<{ user: Principal }>().user,
);
