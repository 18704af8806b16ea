import { join } from 'node:path';
import { PGLITE_FOLDER } from './database.constants.js';
import type { DatabaseOptions } from './database-options.interface.js';

/**
 * A database URL safe to print: the password and any `password` parameter become `***`.
 *
 * @example
 * maskDatabaseUrl('postgres://app:s3cret@db:5432/tessera'); // 'postgres://app:***@db:5432/tessera'
 */
export function maskDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    if (parsed.searchParams.has('password')) parsed.searchParams.set('password', '***');
    return parsed.toString();
  } catch {
    // Not a URL the WHATWG parser accepts: still never print what looks like a password.
    return url.replace(/\/\/([^:/@]*):[^@]*@/, '//$1:***@');
  }
}

/** Where the PGlite files of these options live. */
export function pgliteFolder(options: Pick<DatabaseOptions, 'dataDir'>): string {
  return join(options.dataDir, PGLITE_FOLDER);
}

/**
 * A short description of the database for boot logs and health answers, password masked.
 *
 * @example
 * describeDatabase({ dataDir: './data' }); // 'PGlite at data/pglite'
 * describeDatabase({ dataDir: './data', url: 'postgres://postgres:pw@db:5432/app' });
 * // 'PostgreSQL at postgres://postgres:***@db:5432/app'
 */
export function describeDatabase(options: Pick<DatabaseOptions, 'url' | 'dataDir'>): string {
  return options.url ? `PostgreSQL at ${maskDatabaseUrl(options.url)}` : `PGlite at ${pgliteFolder(options)}`;
}
