import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Colleague } from '../cases/cases.response';
import { CurrentUser, type Principal } from '../auth/principal';
import { Roles } from '../auth/roles.decorator';
import { UsersService } from './users.service';
import { text } from '../../workflows';
import { CreateUserDto, DEPARTMENT_ID, DepartmentDto, ResetPasswordDto, SetEmailDto, SetRolesDto } from './users.dto';
import { DomainError, ErrorCode } from '../common/domain-error';
import { Me } from '../auth/auth.response';
import { Department, UserView } from './users.response';

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

  /**
   * Change what a user does, and the department they act for: in force at their next request (each
   * request reads the user row). Their history stays theirs, so separation of duties still knows
   * every case they sponsored. An admin cannot take away their own admin role.
   */
  @Put('users/:id/roles')
  @Roles('admin')
  setRoles(@Param('id') id: string, @Body() body: SetRolesDto, @CurrentUser() user: Principal): Promise<UserView> {
    return this.users.setRoles(id, body.roles, body.department, user);
  }

  /** Colleagues, to transfer a case to or copy it to (the active ones) and to name in histories (any signed-in user). */
  @Get('users/directory')
  directory(@CurrentUser() user: Principal): Promise<Colleague[]> {
    return this.users.directory(user);
  }

  /** Every user, deactivated ones too (marked `active: false`): histories keep naming them. */
  @Get('users')
  @Roles('admin')
  list(): Promise<UserView[]> {
    return this.users.list();
  }

  /** The departments of the governments the reader sees, and of those above their own. */
  @Get('departments')
  departments(@CurrentUser() user: Principal): Promise<Department[]> {
    return this.users.departments(user);
  }

  @Put('departments/:id')
  @Roles('admin')
  saveDepartment(@Param('id') id: string, @Body() body: DepartmentDto): Promise<Department> {
    if (!DEPARTMENT_ID.test(id)) {
      throw new DomainError(
        ErrorCode.VALIDATION_FAILED,
        text('部门代码只能由 1 至 64 位字母、数字、“-”或“_”组成', 'a department code is 1–64 letters, digits, - or _'),
        [{ field: 'id', problems: ['1–64 letters, digits, - or _'] }],
      );
    }
    return this.users.saveDepartment({ id, name: body.name, documentPrefix: body.documentPrefix ?? null, governmentId: body.governmentId });
  }
}
