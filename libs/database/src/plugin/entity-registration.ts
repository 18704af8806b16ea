import { TesseraError } from '@tessera/sdk';
import { InstanceChecker, type DataSource, type EntityMetadata, type EntitySchema } from 'typeorm';
import { ConnectionMetadataBuilder } from 'typeorm/connection/ConnectionMetadataBuilder.js';
import { EntityMetadataValidator } from 'typeorm/metadata-builder/EntityMetadataValidator.js';

type EntityTarget = Function | EntitySchema<unknown> | string;

// One change at a time per DataSource: two plugins loading together must not both rebuild
// from the same starting list and lose one another's entities.
const pending = new WeakMap<DataSource, Promise<unknown>>();

/**
 * Adds a plugin's entity classes to the live DataSource, so that
 * `dataSource.getRepository(PluginEntity)` works. Their tables come from the plugin's
 * migrations (`runPluginMigrations`), never from synchronisation. Registering a class again
 * does nothing.
 *
 * @throws TesseraError PLUGIN_STARTUP_FAILED when an entity is invalid; the DataSource is unchanged.
 * @example
 * await registerEntities(dataSource, [Note, NoteTag]);
 * await dataSource.getRepository(Note).save({ text: 'hello' });
 */
export function registerEntities(dataSource: DataSource, entities: Function[]): Promise<void> {
  return serialise(dataSource, async () => {
    const next = [...new Set([...registered(dataSource), ...entities])];
    try {
      await rebuild(dataSource, next);
    } catch (error) {
      throw new TesseraError(
        'PLUGIN_STARTUP_FAILED',
        `Entities ${names(entities)} could not be registered: ${error instanceof Error ? error.message : String(error)}. Fix the entity definitions of the plugin.`,
      );
    }
  });
}

/**
 * Removes entity classes from the live DataSource when their plugin is unloaded. Their tables
 * and rows stay. Unknown classes are ignored.
 *
 * @throws TesseraError CONFLICT when a remaining entity still refers to one of them; the DataSource is unchanged.
 * @example
 * await unregisterEntities(dataSource, [Note, NoteTag]);
 */
export function unregisterEntities(dataSource: DataSource, entities: Function[]): Promise<void> {
  return serialise(dataSource, async () => {
    const removed = new Set<EntityTarget>(entities);
    try {
      await rebuild(dataSource, registered(dataSource).filter((entity) => !removed.has(entity)));
    } catch (error) {
      throw new TesseraError(
        'CONFLICT',
        `Entities ${names(entities)} could not be unregistered: ${error instanceof Error ? error.message : String(error)}. Unload the plugins whose entities refer to them first.`,
      );
    }
    const repositories = (dataSource.manager as unknown as { repositories: Map<unknown, unknown> }).repositories;
    for (const entity of entities) repositories.delete(entity);
  });
}

function serialise(dataSource: DataSource, change: () => Promise<void>): Promise<void> {
  const run = (pending.get(dataSource) ?? Promise.resolve()).catch(() => undefined).then(change);
  pending.set(dataSource, run);
  return run;
}

function registered(dataSource: DataSource): EntityTarget[] {
  const entities = dataSource.options.entities ?? [];
  return Array.isArray(entities) ? [...entities] : Object.values(entities);
}

/**
 * Builds the metadata of the whole new set, as `DataSource.initialize()` does, and swaps it
 * in only when it is valid. Building the whole set (not just the new classes) is what lets a
 * plugin entity relate to a core one. Repositories read their metadata on each call, so
 * the ones already handed out keep working.
 */
async function rebuild(dataSource: DataSource, entities: EntityTarget[]): Promise<void> {
  const metadatas = await new ConnectionMetadataBuilder(dataSource).buildEntityMetadatas(entities);
  new EntityMetadataValidator().validateMany(
    metadatas.filter((metadata) => metadata.tableType !== 'view'),
    dataSource.driver,
  );
  Object.assign(dataSource, {
    entityMetadatas: metadatas,
    entityMetadatasMap: new Map(metadatas.map((metadata: EntityMetadata) => [metadata.target, metadata])),
  });
  dataSource.setOptions({ entities });
  for (const metadata of metadatas) {
    if (InstanceChecker.isBaseEntityConstructor(metadata.target)) {
      (metadata.target as unknown as { useDataSource(source: DataSource): void }).useDataSource(dataSource);
    }
  }
}

function names(entities: Function[]): string {
  return entities.map((entity) => entity.name).join(', ');
}
