import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { text } from '../../workflows';
import { DomainError, ErrorCode } from '../common/domain-error';
import { UsersService } from '../users/users.service';
import { TOKEN_SECRET } from './token-secret';

/** How long an access token is good for. */
const TOKEN_TTL = '12h';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly jwt: JwtService,
    @Inject(TOKEN_SECRET) private readonly secret: string,
  ) {}

  async login(username: string, password: string): Promise<{ accessToken: string }> {
    const user = await this.users.checkPassword(username, password);
    if (!user) throw new DomainError(ErrorCode.UNAUTHENTICATED, text('用户名或密码错误', 'wrong username or password'));
    const accessToken = await this.jwt.signAsync({ sub: user.id }, { secret: this.secret, algorithm: 'HS256', expiresIn: TOKEN_TTL });
    return { accessToken };
  }
}
