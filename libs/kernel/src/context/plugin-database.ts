import type { PluginDatabase } from '@tessera/sdk';
import type { DataSource, EntityManager, EntityTarget, ObjectLiteral, Repository } from 'typeorm';
import { TesseraError } from '@tessera/sdk';
import { demand, type PermissionChecker } from './permission-checker.interface.js';

/** Repository methods that only read; every other method counts as a write. */
const READ_METHODS = new Set([
  'find', 'findBy', 'findOne', 'findOneBy', 'findOneOrFail', 'findOneByOrFail', 'findAndCount', 'findAndCountBy',
  'count', 'countBy', 'exists', 'existsBy', 'sum', 'average', 'minimum', 'maximum', 'hasId', 'getId', 'create', 'merge',
  'metadata', 'manager', 'target', 'queryRunner',
]);

/**
 * The plugin's view of the database: repositories of its own entities only, with reads
 * checked against `db.<plugin> read` and writes (save, delete, query builders, raw
 * queries) against `db.<plugin> write`.
 */
export function createPluginDatabase(
  plugin: string,
  dataSource: DataSource,
  ownEntities: readonly Function[],
  permissions: () => PermissionChecker,
  manager: EntityManager = dataSource.manager,
): PluginDatabase {
  const resource = `db.${plugin}`;
  return {
    getRepository<T extends ObjectLiteral>(entity: EntityTarget<T>): Repository<T> {
      if (!ownEntities.includes(entity as Function)) {
        throw new TesseraError(
          'PLUGIN_PERMISSION_DENIED',
          `Plugin "${plugin}" asked for a repository of an entity it does not declare. List the entity in @Plugin({ entities }) or call the owning plugin's actions.`,
        );
      }
      const repository = manager.getRepository(entity);
      return new Proxy(repository, {
        get(target, property, receiver) {
          const value = Reflect.get(target, property, receiver);
          if (typeof property !== 'string' || typeof value !== 'function') return value;
          const action = READ_METHODS.has(property) ? 'read' : 'write';
          return (...args: unknown[]) => {
            demand(plugin, permissions, resource, action);
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        },
      });
    },
    transaction<R>(work: (db: PluginDatabase) => Promise<R>): Promise<R> {
      demand(plugin, permissions, resource, 'write');
      return dataSource.transaction((transactional) => work(createPluginDatabase(plugin, dataSource, ownEntities, permissions, transactional)));
    },
  };
}
