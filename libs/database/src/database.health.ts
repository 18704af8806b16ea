import type { DataSource } from 'typeorm';
import { DEFAULT_HEALTH_TIMEOUT_MS } from './database.constants.js';
import { describeCause } from './database-unavailable.messages.js';
import { databaseKind, type DatabaseKind } from './tessera-data-source.js';

/** The answer of `checkDatabase`, ready for `/health/ready`. */
export interface DatabaseHealth {
  status: 'up' | 'down';
  kind: DatabaseKind;
  latencyMs: number;
  error?: string;
}

/**
 * Runs `SELECT 1` and reports how it went, never throwing and never waiting longer than
 * `timeoutMs` (a stuck server, or PGlite's one session held by a long transaction, is "down").
 *
 * @example
 * const health = await checkDatabase(dataSource); // { status: 'up', kind: 'pglite', latencyMs: 1 }
 */
export async function checkDatabase(dataSource: DataSource, timeoutMs = DEFAULT_HEALTH_TIMEOUT_MS): Promise<DatabaseHealth> {
  const kind = databaseKind(dataSource);
  const started = performance.now();
  const latencyMs = () => Math.round(performance.now() - started);
  if (!dataSource.isInitialized) return { status: 'down', kind, latencyMs: 0, error: 'the database is not open' };
  let timer: NodeJS.Timeout | undefined;
  const query = dataSource.query('SELECT 1');
  // The query may still settle after the timeout; its outcome no longer matters.
  query.catch(() => undefined);
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([query, timeout]);
    return { status: 'up', kind, latencyMs: latencyMs() };
  } catch (error) {
    return { status: 'down', kind, latencyMs: latencyMs(), error: describeCause(error) };
  } finally {
    clearTimeout(timer);
  }
}
