import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ArrayMinSize, IsArray, IsEmail, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { Colleague } from '../cases/cases.response';
import { ROLES, type Role } from '../../workflows';
import { CurrentUser, type Principal } from '../auth/principal';
import { Roles } from '../auth/roles.decorator';
import { UsersService } from './users.service';
import { Me } from '../auth/auth.response';
import { Department, UserView } from './users.response';

export class CreateUserDto {
  @Matches(/^[A-Za-z0-9_.-]{2,64}$/, { message: 'username: 2–64 letters, digits, _ . -' })
  username: string;

  /** checked against the password rule (src/users/password-policy.ts) by the service, which knows the username */
  @IsString()
  @MaxLength(200)
  password: string;

  @IsString()
  @MinLength(1)
  @MaxLength(100)
  displayName: string;

  @IsArray()
  @ArrayMinSize(1)
  @IsIn(ROLES, { each: true })
  roles: Role[];

  @IsOptional()
  @IsString()
  @MaxLength(64)
  department?: string | null;

  /** where e-mail notifications go (none without) */
  @IsOptional()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(200)
  email?: string;
}

export class SetEmailDto {
  /** null: no e-mail notifications */
  @ValidateIf((_, v) => v !== null)
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(200)
  email: string | null;
}

export class ResetPasswordDto {
  @IsString()
  @MaxLength(200)
  newPassword: string;
}

export class DepartmentDto {
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @IsOptional()
  @IsString()
  @MaxLength(40)
  documentPrefix?: string;
}

@ApiTags('users')
@ApiBearerAuth()
@Controller()
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post('users')
  @Roles('admin')
  create(@Body() body: CreateUserDto): Promise<Me> {
    return this.users.create(body);
  }

  /**
   * Deactivates the user: the one way to take an account out of use, kept at the route clients
   * already call. Nothing is deleted, the username is never given again, their tokens end at once.
   */
  @Delete('users/:id')
  @Roles('admin')
  @HttpCode(204)
  deactivate(@Param('id') id: string, @CurrentUser() user: Principal): Promise<void> {
    return this.users.deactivate(id, user);
  }

  /** Undoes a deactivation made by mistake: the same account again, since its username cannot be made anew. */
  @Post('users/:id/reactivate')
  @Roles('admin')
  @HttpCode(200)
  reactivate(@Param('id') id: string): Promise<UserView> {
    return this.users.reactivate(id);
  }

  /** A new password for a user who forgot theirs (the same account, so separation of duties still knows them). */
  @Post('users/:id/password')
  @Roles('admin')
  @HttpCode(204)
  resetPassword(@Param('id') id: string, @Body() body: ResetPasswordDto): Promise<void> {
    return this.users.resetPassword(id, body.newPassword);
  }

  /** Set or clear a user's e-mail address for notifications. */
  @Put('users/:id/email')
  @Roles('admin')
  setEmail(@Param('id') id: string, @Body() body: SetEmailDto): Promise<UserView> {
    return this.users.setEmail(id, body.email);
  }

  /** Colleagues, to transfer a case to or copy it to (the active ones) and to name in histories (any signed-in user). */
  @Get('users/directory')
  directory(): Promise<Colleague[]> {
    return this.users.directory();
  }

  /** Every user, deactivated ones too (marked `active: false`): histories keep naming them. */
  @Get('users')
  @Roles('admin')
  list(): Promise<UserView[]> {
    return this.users.list();
  }

  @Get('departments')
  departments(): Promise<Department[]> {
    return this.users.departments();
  }

  @Put('departments/:id')
  @Roles('admin')
  saveDepartment(@Param('id') id: string, @Body() body: DepartmentDto): Promise<Department> {
    return this.users.saveDepartment({ id, name: body.name, documentPrefix: body.documentPrefix ?? null });
  }
}
