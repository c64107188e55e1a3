import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Request } from 'express';
import { text, type Role } from '../../workflows';
import { DomainError, ErrorCode } from '../common/domain-error';
import { UsersService } from '../users/users.service';
import type { Principal } from './principal';
import { PUBLIC_KEY, ROLES_KEY } from './roles.decorator';

const unauthenticated = () =>
  new DomainError(ErrorCode.UNAUTHENTICATED, text('未登录或登录已失效，请重新登录', 'missing or invalid access token'));

/**
 * Every route needs a valid bearer token with an expiry, of an active user, issued under their
 * current token version, unless marked @Public; a route marked @Roles also needs one of those roles.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly users: UsersService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const req = ctx.switchToHttp().getRequest<Request & { user?: Principal }>();
    const parts = (req.headers.authorization ?? '').split(' ');
    if (parts.length !== 2 || parts[0] !== 'Bearer' || !parts[1]) throw unauthenticated();
    let claims: { sub?: unknown; exp?: unknown; ver?: unknown };
    try {
      claims = await this.jwt.verifyAsync<typeof claims>(parts[1]);
    } catch {
      throw unauthenticated();
    }
    // a token that never expires could not be ended by waiting; ours always carry `exp`
    if (typeof claims.sub !== 'string' || typeof claims.exp !== 'number') throw unauthenticated();
    // tokens issued before token versions existed carry none: version 0, ended by the first change
    const version = claims.ver ?? 0;
    if (typeof version !== 'number' || !Number.isInteger(version)) throw unauthenticated();
    // read from the database on every request, so a deactivation or sign-out holds on every instance at once
    const user = await this.users.authenticate(claims.sub, version);
    if (!user) throw unauthenticated();
    req.user = user;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.some((r) => user.roles.includes(r))) {
      throw new DomainError(
        ErrorCode.FORBIDDEN,
        text(`此操作仅限以下角色：${roles.join('、')}`, `this needs one of the roles: ${roles.join(', ')}`),
      );
    }
    return true;
  }
}
