import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/**
 * Plain SQL for the hot path (one event = a few statements), keeping TypeORM's column metadata
 * and value conversions so it works the same on SQLite and PostgreSQL. Everything else uses
 * TypeORM's query builder; this exists because the builder's overhead was most of an event's time.
 */
export function param(m: EntityManager, i: number): string {
  return m.connection.options.type === 'postgres' ? `$${i}` : '?';
}

/** Run a statement; inside a transaction on its query runner (affected rows reported). */
export async function execute(m: EntityManager, sql: string, params: unknown[]): Promise<{ records: ObjectLiteral[]; affected?: number }> {
  if (m.queryRunner) {
    const r = await m.queryRunner.query(sql, params, true);
    return { records: r.records ?? [], affected: r.affected };
  }
  const rows = (await m.query(sql, params)) as ObjectLiteral[];
  return { records: Array.isArray(rows) ? rows : [] };
}

/** Select, hydrate and update rows of one entity by its column metadata. */
export class Rows<T extends ObjectLiteral> {
  private columns?: ColumnMetadata[];
  private tableName?: string;

  constructor(private readonly target: EntityTarget<T>) {}

  private meta(m: EntityManager) {
    if (!this.columns) {
      const metadata = m.connection.getMetadata(this.target);
      this.columns = metadata.columns;
      this.tableName = metadata.tableName;
    }
    return { columns: this.columns, table: this.tableName! };
  }

  /** The row with this id, with every column hydrated as TypeORM would. */
  async byId(m: EntityManager, id: string, columns?: (keyof T)[]): Promise<T | null> {
    return (await this.where(m, 'id', [id], { columns }))[0] ?? null;
  }

  /**
   * The rows whose `field` is one of `values` (none asked, none given), hydrated as TypeORM would,
   * in the order of `orderBy` (ascending). The caller bounds `values`: ids the server holds, never
   * a number a client sent.
   */
  async where(
    m: EntityManager,
    field: keyof T,
    values: unknown[],
    { columns, orderBy = [] }: { columns?: (keyof T)[]; orderBy?: (keyof T)[] } = {},
  ): Promise<T[]> {
    if (values.length === 0) return [];
    const { columns: all, table } = this.meta(m);
    const cols = columns ? all.filter((c) => columns.includes(c.propertyName as keyof T)) : all;
    const name = (f: keyof T) => all.find((c) => c.propertyName === f)!.databaseName;
    const select = cols.map((c) => `"${c.databaseName}" AS "${c.propertyName}"`).join(', ');
    const list = values.map((_, i) => param(m, i + 1)).join(', ');
    const order = orderBy.length ? ` ORDER BY ${orderBy.map((f) => `"${name(f)}" ASC`).join(', ')}` : '';
    const { records } = await execute(m, `SELECT ${select} FROM "${table}" WHERE "${name(field)}" IN (${list})${order}`, values);
    return records.map((record) => {
      const row = {} as ObjectLiteral;
      for (const c of cols) row[c.propertyName] = m.connection.driver.prepareHydratedValue(record[c.propertyName], c);
      return row as T;
    });
  }

  /** UPDATE … WHERE id = ? AND version = ?: the number of rows changed (0 when the version moved on). */
  async updateIfVersion(m: EntityManager, id: string, version: number, changes: Partial<T>): Promise<number> {
    const { columns, table } = this.meta(m);
    const set: string[] = [];
    const params: unknown[] = [];
    for (const c of columns) {
      if (!(c.propertyName in changes)) continue;
      params.push(m.connection.driver.preparePersistentValue((changes as ObjectLiteral)[c.propertyName], c));
      set.push(`"${c.databaseName}" = ${param(m, params.length)}`);
    }
    params.push(id, version);
    const sql = `UPDATE "${table}" SET ${set.join(', ')} WHERE "id" = ${param(m, params.length - 1)} AND "version" = ${param(m, params.length)}`;
    return (await execute(m, sql, params)).affected ?? 0;
  }
}
