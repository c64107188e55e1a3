import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { AuthService } from './auth.service';
import { CurrentUser, Principal } from './principal';
import { Public } from './roles.decorator';

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

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** Throttled per address (DOCKET_LOGIN_LIMIT a minute) against password guessing. */
  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @UseGuards(ThrottlerGuard)
  @SkipThrottle({ publicComment: true })
  login(@Body() body: LoginDto): Promise<{ accessToken: string }> {
    return this.auth.login(body.username, body.password);
  }

  /** The signed-in user. */
  @ApiBearerAuth()
  @Get('me')
  me(@CurrentUser() user: Principal): Principal {
    return user;
  }
}
