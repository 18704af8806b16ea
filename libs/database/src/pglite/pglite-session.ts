import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { DEFAULT_PGLITE_SESSION_WAIT_MS } from '../database.constants.js';
import { pgliteFolder } from '../database-description.js';
import type { DatabaseOptions } from '../database-options.interface.js';
import { acquirePgliteLock } from './pglite-lock.js';
import { PgliteWorkerBridge } from './pglite-worker-bridge.js';

/** An open PGlite database, the `pg` pool settings that reach it, and how to close both. */
export interface PgliteSession {
  /** Goes to TypeORM's `extra`, i.e. to the `pg.Pool` of its postgres driver. */
  readonly poolOptions: Record<string, unknown>;
  close(): Promise<void>;
}

/**
 * Opens `<dataDir>/pglite` (running initdb on first use) under the folder lock.
 *
 * PGlite is one Postgres backend, so one session. typeorm-pglite hands that session to every
 * TypeORM QueryRunner at once: one request's ROLLBACK took another request's writes with it.
 * Here TypeORM keeps its ordinary `pg` driver and pool, and PGlite's own node-postgres
 * connection stands in for the socket; a pool of exactly one client gives each QueryRunner the
 * session exclusively from connect to release, which is what a pooled PostgreSQL connection
 * gives it. `pg` also parses results as it does against PostgreSQL (int8 as string, rowCount,
 * error codes), so the code above sees one behaviour on both databases.
 */
export async function openPgliteSession(options: DatabaseOptions): Promise<PgliteSession> {
  const lock = acquirePgliteLock(options.dataDir);
  try {
    // In a worker thread: its SQL and its heap stay off the isolate that serves requests.
    const pglite = await PgliteWorkerBridge.open(pgliteFolder(options));
    return {
      poolOptions: {
        // The bridge has the two members PGlite's node-postgres connection uses.
        connection: createPgConfig(pglite as unknown as Parameters<typeof createPgConfig>[0]).connection,
        max: 1,
        // Every client the pool makes shares this one connection object: never let the pool
        // retire the client for idleness, that would end the shared connection.
        idleTimeoutMillis: 0,
        connectionTimeoutMillis: options.connectTimeoutMs ?? DEFAULT_PGLITE_SESSION_WAIT_MS,
      },
      async close() {
        try {
          if (!pglite.closed) await pglite.close();
        } finally {
          lock.release();
        }
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}
