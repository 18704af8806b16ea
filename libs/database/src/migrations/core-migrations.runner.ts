import { MigrationExecutor, type DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';
import { CORE_MIGRATIONS_LOCK_KEY } from '../database.constants.js';
import { describeCause } from '../database-unavailable.messages.js';

/** A core migration failed; its message names the migration, which TypeORM's error does not. */
export class CoreMigrationError extends Error {
  constructor(migration: string, failure: unknown) {
    super(`migration ${migration} failed: ${describeCause(failure)}`);
    this.name = 'CoreMigrationError';
  }
}

/**
 * Runs the pending core migrations in one transaction and returns their names. An advisory
 * lock makes instances that boot together on one PostgreSQL take turns; the later ones find
 * nothing left to do.
 */
export async function runCoreMigrations(dataSource: DataSource): Promise<string[]> {
  nameFailures(dataSource.migrations);
  const queryRunner = dataSource.createQueryRunner('master');
  try {
    await queryRunner.query('SELECT pg_advisory_lock($1)', [CORE_MIGRATIONS_LOCK_KEY]);
    try {
      const executor = new MigrationExecutor(dataSource, queryRunner);
      executor.transaction = 'all';
      const executed = await executor.executePendingMigrations();
      return executed.map((migration) => migration.name);
    } finally {
      await unlock(queryRunner);
    }
  } finally {
    await queryRunner.release();
  }
}

async function unlock(queryRunner: QueryRunner): Promise<void> {
  try {
    await queryRunner.query('SELECT pg_advisory_unlock($1)', [CORE_MIGRATIONS_LOCK_KEY]);
  } catch {
    // The session is broken; releasing it ends it, and PostgreSQL drops its locks with it.
  }
}

const named = new WeakSet<MigrationInterface>();

/** Wraps each migration's `up` once so that its failure says which migration it was. */
function nameFailures(migrations: MigrationInterface[]): void {
  for (const migration of migrations) {
    if (named.has(migration)) continue;
    named.add(migration);
    const up = migration.up.bind(migration);
    const name = migration.name ?? migration.constructor.name;
    migration.up = async (queryRunner: QueryRunner) => {
      try {
        await up(queryRunner);
      } catch (error) {
        throw new CoreMigrationError(name, error);
      }
    };
  }
}
