import { Transform } from 'class-transformer';
import { IsISO8601, IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
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

/** A civil date (YYYY-MM-DD) that exists: 2026-02-30 is refused here, not deep in the date arithmetic. */
export function CivilDate(): PropertyDecorator {
  return (target, key) => [Matches(/^\d{4}-\d{2}-\d{2}$/), IsISO8601({ strict: true, strictSeparator: true })].forEach((d) => d(target, key));
}
