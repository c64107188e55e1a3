import { SetMetadata } from '@nestjs/common';
import type { Role } from '../../workflows';

export const ROLES_KEY = 'docket:roles';
export const PUBLIC_KEY = 'docket:public';

/** Only users holding one of these roles may call the handler. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** No sign-in needed. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
