import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { AuthService } from './auth.service';
import { CurrentUser, Principal } from './principal';
import { Public } from './roles.decorator';
import { AccessToken, Me } from './auth.response';

export class LoginDto {
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  username: string;

  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password: string;
}

export class ChangePasswordDto {
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  currentPassword: string;

  /** checked against the password rule (src/users/password-policy.ts) */
  @IsString()
  @MaxLength(200)
  newPassword: string;
}

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /**
   * Throttled per address (DOCKET_LOGIN_LIMIT a minute; IPv6 per /64) and per account (after 5
   * failures from anywhere, a wait of 1 s doubling up to 15 min) against password guessing.
   */
  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @UseGuards(ThrottlerGuard)
  @SkipThrottle({ publicComment: true, receiptLookup: true })
  login(@Body() body: LoginDto): Promise<AccessToken> {
    return this.auth.login(body.username, body.password);
  }

  /** Change one's own password: every earlier token of the user ends; the answer is a fresh token. */
  @ApiBearerAuth()
  @Post('auth/password')
  @HttpCode(200)
  changePassword(@CurrentUser() user: Principal, @Body() body: ChangePasswordDto): Promise<AccessToken> {
    return this.auth.changePassword(user, body.currentPassword, body.newPassword);
  }

  /** Sign out: ends every token of the user, on every device. */
  @ApiBearerAuth()
  @Post('auth/logout')
  @HttpCode(204)
  logout(@CurrentUser() user: Principal): Promise<void> {
    return this.auth.logout(user);
  }

  /** The signed-in user. */
  @ApiBearerAuth()
  @Get('me')
  me(@CurrentUser() user: Principal): Me {
    return user;
  }
}
