/**
 * How the process reaches its one database.
 *
 * @example
 * const options: DatabaseOptions = {
 *   url: process.env.DATABASE_URL, // unset: embedded PGlite in `<dataDir>/pglite`
 *   dataDir: process.env.DATA_DIR ?? './data',
 *   entities: [...adminEntities, ...schedulerEntities],
 *   migrations: [...databaseMigrations, ...adminMigrations],
 * };
 */
export interface DatabaseOptions {
  /** `postgres://user:password@host:5432/db`; when absent the embedded PGlite database is used. */
  url?: string;
  /** Folder of the application's data; PGlite keeps its files in `<dataDir>/pglite`. */
  dataDir: string;
  /** Entity classes of the core libs (plugins add theirs at run time with `registerEntities`). */
  entities?: Function[];
  /** Migration classes of the core libs; `databaseMigrations` is always included. */
  migrations?: Function[];
  /** Connections in the PostgreSQL pool (default 10). PGlite has one session, used in turn. */
  poolSize?: number;
  /** Log every SQL statement through TypeORM's logger. */
  logging?: boolean;
  /**
   * PostgreSQL: how long to wait for a connection before giving up (default 5000 ms), so an
   * unreachable server fails the boot instead of hanging it. PGlite: how long a query waits
   * for the one session (default 30000 ms), so a query made outside its own open transaction
   * fails loudly instead of waiting forever.
   */
  connectTimeoutMs?: number;
}
