import { DataSource, type DataSourceOptions } from 'typeorm';

export type DatabaseKind = 'pglite' | 'postgres';

/**
 * The DataSource `createDataSource` returns: a plain TypeORM DataSource that also closes what
 * it was opened with (PGlite and its folder lock) when it is destroyed, whoever calls
 * `destroy()`: the module at shutdown, the CLI or a test.
 */
export class TesseraDataSource extends DataSource {
  constructor(
    options: DataSourceOptions,
    readonly kind: DatabaseKind,
    private readonly closeResources: () => Promise<void>,
  ) {
    super(options);
  }

  override async destroy(): Promise<void> {
    try {
      await super.destroy();
    } finally {
      await this.closeResources();
    }
  }
}

/** Which database a DataSource talks to (also for DataSources not made by `createDataSource`). */
export function databaseKind(dataSource: DataSource): DatabaseKind {
  if (dataSource instanceof TesseraDataSource) return dataSource.kind;
  const extra = (dataSource.options as { extra?: { connection?: unknown } }).extra;
  return extra?.connection ? 'pglite' : 'postgres';
}
