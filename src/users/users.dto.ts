// The bodies of /api/users and /api/departments, in a file the Swagger CLI plugin describes.
import { ArrayMinSize, IsArray, IsEmail, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { ROLES, type Role } from '../../workflows';

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

  /** without a department: the government they work for (the first government when absent); with one, its government */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'governmentId: 1–64 letters, digits, - or _' })
  governmentId?: string;

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

/** `PUT /api/users/:id/roles`: what the user does and, for an official, the department they act for. */
export class SetRolesDto {
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(ROLES, { each: true })
  roles: Role[];

  /** null: bound to no department (an official must have one) */
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  department: string | null;
}

/** A department's code in paths: letters, digits, `-` and `_`, as the county's own codes (fgw, county-government). */
export const DEPARTMENT_ID = /^[A-Za-z0-9_-]{1,64}$/;

export class DepartmentDto {
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @IsOptional()
  @IsString()
  @MaxLength(40)
  documentPrefix?: string;

  /** the government it is a department of; the first government when absent on creation; fixed once set */
  @IsOptional()
  @Matches(DEPARTMENT_ID)
  governmentId?: string;
}
