import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ArrayMinSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { ROLES, type Role } from '../../workflows';
import { CurrentUser, type Principal } from '../auth/principal';
import { Roles } from '../auth/roles.decorator';
import { DepartmentEntity } from './department.entity';
import { UsersService } from './users.service';

export class CreateUserDto {
  @Matches(/^[A-Za-z0-9_.-]{2,64}$/, { message: 'username: 2–64 letters, digits, _ . -' })
  username: string;

  @IsString()
  @MinLength(8)
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
  create(@Body() body: CreateUserDto): Promise<Principal> {
    return this.users.create(body);
  }

  @Delete('users/:id')
  @Roles('admin')
  @HttpCode(204)
  remove(@Param('id') id: string, @CurrentUser() user: Principal): Promise<void> {
    return this.users.remove(id, user);
  }

  @Get('users')
  @Roles('admin')
  list(): Promise<Principal[]> {
    return this.users.list();
  }

  @Get('departments')
  departments(): Promise<DepartmentEntity[]> {
    return this.users.departments();
  }

  @Put('departments/:id')
  @Roles('admin')
  saveDepartment(@Param('id') id: string, @Body() body: DepartmentDto): Promise<DepartmentEntity> {
    return this.users.saveDepartment({ id, name: body.name, documentPrefix: body.documentPrefix ?? null });
  }
}
