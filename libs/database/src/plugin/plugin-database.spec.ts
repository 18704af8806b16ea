import { TesseraError } from '@tessera/sdk';
import { Column, Entity, type DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Account,
  AddNoteTags1795000000020,
  BrokenNotes1795000000030,
  CreateAccounts1795000000001,
  CreateNotes1795000000010,
  Note,
  tableNames,
} from '../../test/fixtures.js';
import { createDataSource } from '../data-source.factory.js';
import { createTestDatabase, type TestDatabase } from '../testing/create-test-database.js';
import { registerEntities, unregisterEntities } from './entity-registration.js';
import { runPluginMigrations } from './plugin-migrations.runner.js';

const kind = process.env.DATABASE_URL ? 'postgres' : 'pglite';

@Entity({ name: 'broken_without_primary_key' })
class WithoutPrimaryKey {
  @Column({ type: 'text' })
  text!: string;
}

class Unstamped {
  async up(): Promise<void> {}
  async down(): Promise<void> {}
}

describe(`plugin entities and migrations on ${kind}`, () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  const tables = () => tableNames((sql) => dataSource.query(sql));
  const recorded = async (plugin: string) =>
    (await dataSource.query(`SELECT name FROM tessera_plugin_migrations WHERE plugin = $1 ORDER BY name`, [plugin])).map((row: { name: string }) => row.name);

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = await createDataSource({ url: db.databaseUrl, dataDir: db.dataDir, entities: [Account], migrations: [CreateAccounts1795000000001] });
  });

  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await db?.cleanup();
  });

  it('registers a plugin entity on the live DataSource, relations to core entities included', async () => {
    expect(() => dataSource.getRepository(Note).metadata).toThrow();
    const accountsBefore = dataSource.getRepository(Account);

    await registerEntities(dataSource, [Note]);
    expect(await runPluginMigrations(dataSource, 'notes', [AddNoteTags1795000000020, CreateNotes1795000000010], 'up')).toEqual([
      'CreateNotes1795000000010',
      'AddNoteTags1795000000020',
    ]);

    const author = await accountsBefore.save({ email: 'author@example.com' });
    await dataSource.getRepository(Note).save({ text: 'hello', author });
    const [note] = await dataSource.getRepository(Note).find({ relations: { author: true } });
    expect(note).toMatchObject({ text: 'hello', author: { email: 'author@example.com' } });
    expect(await recorded('notes')).toEqual(['AddNoteTags1795000000020', 'CreateNotes1795000000010']);
  });

  it('runs only the pending migrations of that plugin', async () => {
    expect(await runPluginMigrations(dataSource, 'notes', [CreateNotes1795000000010, AddNoteTags1795000000020], 'up')).toEqual([]);
  });

  it('a failing migration leaves nothing behind and says which one failed', async () => {
    await runPluginMigrations(dataSource, 'notes', [CreateNotes1795000000010, AddNoteTags1795000000020], 'down');
    const tablesBefore = await tables();

    const error = await runPluginMigrations(dataSource, 'notes', [CreateNotes1795000000010, AddNoteTags1795000000020, BrokenNotes1795000000030], 'up').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TesseraError);
    expect(error).toMatchObject({ code: 'PLUGIN_STARTUP_FAILED', details: { plugin: 'notes', migration: 'BrokenNotes1795000000030' } });
    expect((error as Error).message).toContain('BrokenNotes1795000000030');
    expect((error as Error).message).toContain('no_such_type');

    expect(await tables()).toEqual(tablesBefore);
    expect(await recorded('notes')).toEqual([]);
  });

  it('down reverts every migration of the plugin, newest first, and forgets them', async () => {
    await runPluginMigrations(dataSource, 'notes', [CreateNotes1795000000010, AddNoteTags1795000000020], 'up');
    expect(await runPluginMigrations(dataSource, 'notes', [CreateNotes1795000000010, AddNoteTags1795000000020], 'down')).toEqual([
      'AddNoteTags1795000000020',
      'CreateNotes1795000000010',
    ]);
    expect(await tables()).not.toContain('notes_note');
    expect(await tables()).not.toContain('notes_tag');
    expect(await recorded('notes')).toEqual([]);
  });

  it('refuses a migration class without a timestamp before running anything', async () => {
    await expect(runPluginMigrations(dataSource, 'notes', [CreateNotes1795000000010, Unstamped], 'up')).rejects.toMatchObject({
      code: 'PLUGIN_STARTUP_FAILED',
      message: expect.stringContaining('Unstamped'),
    });
    expect(await tables()).not.toContain('notes_note');
  });

  it('refuses an invalid entity and keeps the registered ones working', async () => {
    await expect(registerEntities(dataSource, [WithoutPrimaryKey])).rejects.toMatchObject({ code: 'PLUGIN_STARTUP_FAILED' });
    expect(dataSource.hasMetadata(WithoutPrimaryKey)).toBe(false);
    expect(await dataSource.getRepository(Account).count()).toBe(1);
  });

  it('refuses to unregister an entity a registered one refers to', async () => {
    await expect(unregisterEntities(dataSource, [Account])).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(dataSource.hasMetadata(Account)).toBe(true);
  });

  it('unregisters a plugin entity when the plugin goes away', async () => {
    await unregisterEntities(dataSource, [Note]);
    expect(dataSource.hasMetadata(Note)).toBe(false);
    expect(() => dataSource.getRepository(Note).metadata).toThrow();
    expect(await dataSource.getRepository(Account).count()).toBe(1);
  });
});
