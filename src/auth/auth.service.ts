import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { UsersService } from '../users/users.service';
import type { Principal } from './principal';

/** How long an access token is good for. */
const TOKEN_TTL = '12h';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly jwt: JwtService,
  ) {}

  async login(username: string, password: string): Promise<{ accessToken: string }> {
    const { user, tokenVersion } = await this.users.signIn(username, password);
    return { accessToken: await this.token(user.id, tokenVersion) };
  }

  /** A new password; every earlier token of the user ends, and the answer is a fresh one so the page keeps working. */
  async changePassword(user: Principal, currentPassword: string, newPassword: string): Promise<{ accessToken: string }> {
    const tokenVersion = await this.users.changePassword(user, currentPassword, newPassword);
    return { accessToken: await this.token(user.id, tokenVersion) };
  }

  logout(user: Principal): Promise<void> {
    return this.users.endTokens(user.id);
  }

  private token(sub: string, ver: number): Promise<string> {
    return this.jwt.signAsync({ sub, ver }, { expiresIn: TOKEN_TTL });
  }
}
