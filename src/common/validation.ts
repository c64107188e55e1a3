import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { ClassConstructor, plainToInstance } from 'class-transformer';
import { registerDecorator, validateSync, ValidationError, ValidationOptions } from 'class-validator';
import { isIsoDate, text } from '../../workflows';
import { DomainError, ErrorCode } from './domain-error';

// forbidUnknownValues is off because an event without data (e.g. CLOSE_PUBLIC_COMMENT) validates as an empty class;
// unknown fields are still refused by forbidNonWhitelisted
const OPTIONS = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: false } as const;

function flatten(errors: ValidationError[], prefix = ''): { field: string; problems: string[] }[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, problems: Object.values(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** 400 VALIDATION_FAILED naming every field that was wrong and why. */
export function validationFailed(errors: ValidationError[], where = ''): DomainError {
  const details = flatten(errors, where);
  const fields = details.map((d) => d.field).join('、');
  return new DomainError(
    ErrorCode.VALIDATION_FAILED,
    text(`请求内容不符合要求：${fields}`, `invalid request: ${details.map((d) => `${d.field}: ${d.problems.join('; ')}`).join(' | ')}`),
    details,
  );
}

/** Validate a plain object as `cls`, refusing unknown fields; the typed instance, or a 400. */
export function validateAs<T extends object>(cls: ClassConstructor<T>, plain: unknown, where = ''): T {
  if (plain === null || typeof plain !== 'object' || Array.isArray(plain)) {
    throw new DomainError(
      ErrorCode.VALIDATION_FAILED,
      text(`${where || '请求体'} 必须是 JSON 对象`, `${where || 'body'} must be a JSON object`),
    );
  }
  const instance = plainToInstance(cls, plain);
  const errors = validateSync(instance, OPTIONS);
  if (errors.length) throw validationFailed(errors, where);
  return instance;
}

/**
 * The pipe for every controller's typed @Body, @Query: the same options, the same 400. Path
 * parameters stay the text they were: each is parsed by its own pipe (Number('0x7e7') is 2023).
 */
class DocketValidationPipe extends ValidationPipe {
  protected override transformPrimitive(value: unknown, metadata: ArgumentMetadata): unknown {
    return metadata.type === 'param' ? value : super.transformPrimitive(value, metadata);
  }
}

export const validationPipe = new DocketValidationPipe({
  ...OPTIONS,
  transform: true,
  exceptionFactory: (errors) => validationFailed(errors),
});

/** A real calendar date written YYYY-MM-DD. */
export function IsIsoDate(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isIsoDate',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be a date YYYY-MM-DD`, ...options },
      validator: { validate: (v: unknown) => isIsoDate(v) },
    });
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A date (YYYY-MM-DD) or an instant with its offset (2023-04-01T09:30:00+08:00). */
export function IsDateOrInstant(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isDateOrInstant',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be YYYY-MM-DD or an ISO 8601 date-time with offset`, ...options },
      validator: {
        validate: (v: unknown) =>
          isIsoDate(v) || (typeof v === 'string' && INSTANT.test(v) && isIsoDate(v.slice(0, 10)) && !Number.isNaN(Date.parse(v))),
      },
    });
}
