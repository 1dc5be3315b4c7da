import { Type as TransformType } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { DomainError } from '../errors/domain-error';

export class PageQueryDto {
  @ApiPropertyOptional({ description: '每页条数 (page size)', minimum: 1, maximum: 200, default: 50, example: 50 })
  @IsOptional()
  @TransformType(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: '上一页返回的 nextCursor；第一页不传 (the nextCursor of the previous page)' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

type CursorKey = string | number;
interface Cursor {
  k: CursorKey;
  id: string;
}

export function encodeCursor(k: CursorKey | Date, id: string): string {
  return Buffer.from(JSON.stringify({ k: k instanceof Date ? k.toISOString() : k, id })).toString('base64url');
}

export function decodeCursor(raw: string): Cursor {
  try {
    const parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<Cursor>;
    if ((typeof parsed.k === 'string' || typeof parsed.k === 'number') && typeof parsed.id === 'string' && /^[0-9a-f-]{36}$/i.test(parsed.id)) {
      return { k: parsed.k, id: parsed.id };
    }
  } catch {
    // fall through: any undecodable cursor is the client's error, not ours
  }
  throw new DomainError('REQUEST.INVALID_CURSOR', {}, [{ field: 'cursor', code: 'invalidCursor', params: { message: '游标无效' } }]);
}

export interface KeysetOrder<T> {
  /** SQL expression of the sort key, e.g. `u.code`; must be NOT NULL and, with the id, unique. */
  column: string;
  key: (row: T) => CursorKey | Date;
  direction: 'ASC' | 'DESC';
  idColumn: string;
}

/**
 * Keyset (cursor) pagination: stable under concurrent inserts and as fast on page 1,000 as on
 * page 1, unlike OFFSET. Timestamps used as keys are stored with millisecond precision so the
 * cursor (a JS Date) round-trips exactly.
 */
export async function paginate<T extends ObjectLiteral & { id: string }>(
  qb: SelectQueryBuilder<T>,
  order: KeysetOrder<T>,
  page: PageQueryDto,
): Promise<Page<T>> {
  const limit = page.limit ?? 50;
  if (page.cursor) {
    const cursor = decodeCursor(page.cursor);
    const op = order.direction === 'ASC' ? '>' : '<';
    qb.andWhere(`(${order.column}, ${order.idColumn}) ${op} (:cursorKey, :cursorId)`, { cursorKey: cursor.k, cursorId: cursor.id });
  }
  qb.orderBy(order.column, order.direction).addOrderBy(order.idColumn, order.direction).limit(limit + 1);
  const rows = await qb.getMany();
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(order.key(last), last.id) : null };
}

/** A named page schema per item type, so OpenAPI clients get `OrgUnitPage` rather than `any`. */
export function PageOf<T>(itemType: new (...args: never[]) => T, name: string) {
  class PageDto {
    @ApiProperty({ type: [itemType] })
    items: T[];

    @ApiProperty({ type: String, nullable: true, description: '下一页的游标；为 null 表示没有更多 (null when there are no more)', example: null })
    nextCursor: string | null;
  }
  Object.defineProperty(PageDto, 'name', { value: name });
  return PageDto;
}
