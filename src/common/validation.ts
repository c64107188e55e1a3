import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { ClassConstructor, plainToInstance, Transform } from 'class-transformer';
import { registerDecorator, validateSync, ValidationArguments, ValidationError, ValidationOptions } from 'class-validator';
import {
  DateCeiling,
  DateFloor,
  dateRange,
  describeRange,
  inRange,
  isIsoDate,
  IsoDate,
  shanghaiDate,
  text,
  yearRange,
} from '../../workflows';
import { DomainError, ErrorCode } from './domain-error';

// forbidUnknownValues is off because an event without data (e.g. CLOSE_PUBLIC_COMMENT) validates as an empty class;
// unknown fields are still refused by forbidNonWhitelisted
const OPTIONS = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: false } as const;

/**
 * The Chinese wording of a constraint whose English message class-validator keeps, by constraint
 * name; constraints without one are named by their field alone.
 */
const ZH_PROBLEMS = new Map<string, (field: string) => string>();

interface Problem {
  field: string;
  problems: string[];
  zh: string[];
}

function flatten(errors: ValidationError[], prefix = ''): Problem[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const zh = Object.keys(e.constraints ?? {}).flatMap((name) => ZH_PROBLEMS.get(name)?.(field) ?? []);
    const own = e.constraints ? [{ field, problems: Object.values(e.constraints), zh }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** 400 VALIDATION_FAILED naming every field that was wrong and why. */
export function validationFailed(errors: ValidationError[], where = ''): DomainError {
  const problems = flatten(errors, where);
  const fields = problems.map((d) => (d.zh.length ? d.zh.join('；') : d.field)).join('、');
  return new DomainError(
    ErrorCode.VALIDATION_FAILED,
    text(`请求内容不符合要求：${fields}`, `invalid request: ${problems.map((d) => `${d.field}: ${d.problems.join('; ')}`).join(' | ')}`),
    problems.map(({ field, problems }) => ({ field, problems })),
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

/** The bounds of a date field; by default from the rules Docket holds to 10 years from today. */
export interface DateBounds {
  from?: DateFloor;
  /** `none` where the service refuses a date after today itself (occurredAt, as a procedural refusal) */
  until?: DateCeiling;
}

/** The second constraint of a date field: within its range, checked only once it is a date. */
function inDateRange(
  object: object,
  propertyName: string,
  bounds: DateBounds,
  dateOf: (v: unknown) => IsoDate | undefined,
  options?: ValidationOptions,
) {
  const floor = bounds.from ?? 'rules';
  const ceiling = bounds.until ?? 'horizon';
  const name = `dateRange:${floor}:${ceiling}`;
  const range = () => dateRange(floor, ceiling, shanghaiDate(new Date()));
  ZH_PROBLEMS.set(name, (field) => describeRange(field, range()).zh);
  registerDecorator({
    name,
    target: object.constructor,
    propertyName,
    options: { ...options, message: (args: ValidationArguments) => describeRange(args.property, range()).en },
    validator: {
      // a value that is no date at all is the format constraint's to name
      validate: (v: unknown) => {
        const date = dateOf(v);
        return date === undefined || inRange(date, range());
      },
    },
  });
}

/** A real calendar date written YYYY-MM-DD, within its bounds. */
export function IsIsoDate(options?: ValidationOptions & DateBounds) {
  const { from, until, ...validation } = options ?? {};
  return (object: object, propertyName: string) => {
    registerDecorator({
      name: 'isIsoDate',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be a date YYYY-MM-DD`, ...validation },
      validator: { validate: (v: unknown) => isIsoDate(v) },
    });
    inDateRange(object, propertyName, { from, until }, (v) => (isIsoDate(v) ? v : undefined), validation);
  };
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function isInstant(v: unknown): v is string {
  return typeof v === 'string' && INSTANT.test(v) && isIsoDate(v.slice(0, 10)) && !Number.isNaN(Date.parse(v));
}

/** An instant's Asia/Shanghai date; past 9999-12-31 there (9999-12-31T20:00Z), the last date there is. */
function instantDate(v: string): IsoDate {
  const ms = Date.parse(v);
  return ms >= Date.parse('9999-12-31T16:00:00Z') ? '9999-12-31' : shanghaiDate(new Date(ms));
}

/**
 * A date (YYYY-MM-DD) or an instant with its offset (2023-04-01T09:30:00+08:00), not before its
 * floor (an instant by its Asia/Shanghai date); no upper end unless asked, the future being the
 * service's refusal.
 */
export function IsDateOrInstant(options?: ValidationOptions & DateBounds) {
  const { from, until, ...validation } = options ?? {};
  return (object: object, propertyName: string) => {
    registerDecorator({
      name: 'isDateOrInstant',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be YYYY-MM-DD or an ISO 8601 date-time with offset`, ...validation },
      validator: { validate: (v: unknown) => isIsoDate(v) || isInstant(v) },
    });
    const dateOf = (v: unknown) => (isIsoDate(v) ? v : isInstant(v) ? instantDate(v) : undefined);
    inDateRange(object, propertyName, { from, until: until ?? 'none' }, dateOf, validation);
  };
}

/** Digits only: `1e21`, `0x10`, `1.5`, `-1`, `+1` and ` 1` stay text, and fail as no whole number. */
const toWholeNumber = Transform(({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\d{1,16}$/.test(value) ? Number(value) : value,
);

/** A whole number in a query string or path, in decimal digits, within bounds read when it is checked. */
function queryWhole(
  name: string,
  bounds: () => { min: number; max: number },
  zh: (field: string) => string,
  en: (field: string) => string,
) {
  ZH_PROBLEMS.set(name, zh);
  return (object: object, propertyName: string) => {
    toWholeNumber(object, propertyName);
    registerDecorator({
      name,
      target: object.constructor,
      propertyName,
      options: { message: (args: ValidationArguments) => en(args.property) },
      validator: {
        validate: (v: unknown) => Number.isSafeInteger(v) && (v as number) >= bounds().min && (v as number) <= bounds().max,
      },
    });
  };
}

/** A whole number in a query string, written in decimal digits, from `min` to `max`. */
export function QueryInt(min: number, max: number) {
  return queryWhole(
    `queryInt:${min}:${max}`,
    () => ({ min, max }),
    (field) => `${field} 须为 ${min} 至 ${max} 之间的整数`,
    (field) => `${field} must be a whole number from ${min} to ${max}, in digits`,
  );
}

/** A year in a query string: from the first year of its floor to 10 years from now. */
export function QueryYear(floor: DateFloor = 'rules') {
  const range = () => yearRange(floor, shanghaiDate(new Date()));
  return queryWhole(
    `queryYear:${floor}`,
    () => ({ min: range().from, max: range().until }),
    (field) => `${field} 须为 ${range().from} 至 ${range().until} 之间的年份`,
    (field) => `${field} must be a year from ${range().from} to ${range().until}`,
  );
}
