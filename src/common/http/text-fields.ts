import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, MaxLength, registerDecorator, ValidationOptions } from 'class-validator';
import { trim } from './transforms';

export function Text(max: number): PropertyDecorator {
  return (target, key) => [Transform(trim), IsString(), IsNotEmpty(), MaxLength(max)].forEach((d) => d(target, key));
}

/** Each string of an array: trimmed, non-empty, at most `max` characters. */
export function TextEach(max: number): PropertyDecorator {
  return (target, key) =>
    [
      Transform(({ value }: { value: unknown }) => (Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.trim() : v)) : value)),
      IsString({ each: true }),
      IsNotEmpty({ each: true }),
      MaxLength(max, { each: true }),
    ].forEach((d) => d(target, key));
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date, 'YYYY-MM-DD' (2026-02-30 is not one). */
export function isCivilDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).toISOString().slice(0, 10) === value;
}

/**
 * A civil date (YYYY-MM-DD) that exists: 2026-02-30 is refused here, with the field named and the
 * code `isCivilDate`, not deep in the date arithmetic. Every date-only field uses this one check.
 */
export function CivilDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCivilDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be a calendar date YYYY-MM-DD', ...options },
      validator: { validate: (value: unknown) => isCivilDate(value) },
    });
}
