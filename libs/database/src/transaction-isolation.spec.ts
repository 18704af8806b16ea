import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Account, CreateAccounts1795000000001 } from '../test/fixtures.js';
import { createDataSource } from './data-source.factory.js';
import { createTestDatabase, type TestDatabase } from './testing/create-test-database.js';

const kind = process.env.DATABASE_URL ? 'postgres' : 'pglite';

/** A promise and the function that settles it, to order steps across concurrent work. */
function signal(): { reached: Promise<void>; reach(): void } {
  let reach!: () => void;
  const reached = new Promise<void>((resolve) => (reach = resolve));
  return { reached, reach };
}

/** Lets other queued work (a query sent by a concurrent request) get dispatched. */
const otherWorkGetsDispatched = () => new Promise((resolve) => setTimeout(resolve, 20));

describe(`transactions on ${kind}`, () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  const emails = async () => (await dataSource.getRepository(Account).find({ order: { email: 'ASC' } })).map((account) => account.email);

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = await createDataSource({ ...db.options, entities: [Account], migrations: [CreateAccounts1795000000001] });
  });

  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await db?.cleanup();
  });

  beforeEach(async () => {
    await dataSource.getRepository(Account).clear();
  });

  it('a rolled-back transaction does not take an independent write made meanwhile with it', async () => {
    const insideA = signal();
    const transactionA = dataSource.transaction(async (manager) => {
      await manager.insert(Account, { email: 'a@example.com' });
      insideA.reach();
      await otherWorkGetsDispatched();
      throw new Error('A fails');
    });
    await insideA.reached;
    const independentWrite = dataSource.getRepository(Account).insert({ email: 'b@example.com' });

    await expect(transactionA).rejects.toThrow('A fails');
    await independentWrite;
    expect(await emails()).toEqual(['b@example.com']);
  });

  it('two transactions in flight: the rolled-back one loses its rows, the committed one keeps its own', async () => {
    const insideA = signal();
    const transactionA = dataSource.transaction(async (manager) => {
      await manager.insert(Account, { email: 'a@example.com' });
      insideA.reach();
      await otherWorkGetsDispatched();
      throw new Error('A fails');
    });
    await insideA.reached;
    const transactionB = dataSource.transaction(async (manager) => {
      await manager.insert(Account, { email: 'b1@example.com' });
      await manager.insert(Account, { email: 'b2@example.com' });
    });

    await expect(transactionA).rejects.toThrow('A fails');
    await transactionB;
    expect(await emails()).toEqual(['b1@example.com', 'b2@example.com']);
  });

  it('a failed transaction commits nothing, and the next query works', async () => {
    const failing = dataSource.transaction(async (manager) => {
      await manager.insert(Account, { email: 'first@example.com' });
      await manager.insert(Account, { email: 'first@example.com' }); // unique violation
    });
    await expect(failing).rejects.toThrow(/duplicate key/);
    expect(await emails()).toEqual([]);
    await dataSource.getRepository(Account).insert({ email: 'after@example.com' });
    expect(await emails()).toEqual(['after@example.com']);
  });

  it('many concurrent writes all land', async () => {
    const writes = Array.from({ length: 25 }, (_, index) => dataSource.getRepository(Account).insert({ email: `w${String(index).padStart(2, '0')}@example.com` }));
    await Promise.all(writes);
    expect(await dataSource.getRepository(Account).count()).toBe(25);
  });
});
