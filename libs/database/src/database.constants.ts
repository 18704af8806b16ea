/** Injection token of the `DatabaseOptions` given to `DatabaseModule.forRoot`. */
export const DATABASE_OPTIONS = Symbol('DATABASE_OPTIONS');

/** Folder under `dataDir` that holds the PGlite files, and its lock file beside it. */
export const PGLITE_FOLDER = 'pglite';
export const PGLITE_LOCK_FILE = 'pglite.lock';

export const DEFAULT_POOL_SIZE = 10;
export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
export const DEFAULT_PGLITE_SESSION_WAIT_MS = 30_000;
export const DEFAULT_HEALTH_TIMEOUT_MS = 2_000;

/** TypeORM's history of the core migrations, prefixed like every Tessera table. */
export const CORE_MIGRATIONS_TABLE = 'tessera_migrations';
export const PLUGIN_MIGRATIONS_TABLE = 'tessera_plugin_migrations';

/**
 * Advisory lock keys: instances booting together against one PostgreSQL must not run the
 * same migrations at the same time. The numbers are arbitrary but fixed forever.
 */
export const CORE_MIGRATIONS_LOCK_KEY = 7_406_001;
export const PLUGIN_MIGRATIONS_LOCK_KEY = 7_406_002;
