import type { DataSource, QueryDeepPartialEntity, Repository } from 'typeorm';
import type { PermissionRule, PluginManifest } from '@tessera/sdk';
import { PluginStateEntity } from './plugin-state.entity.js';

/** Reads and writes the persisted state of plugins (enabled, config, grants, last error). */
export class PluginStateStore {
  private readonly repository: Repository<PluginStateEntity>;

  constructor(dataSource: DataSource) {
    this.repository = dataSource.getRepository(PluginStateEntity);
  }

  all(): Promise<PluginStateEntity[]> {
    return this.repository.find();
  }

  get(name: string): Promise<PluginStateEntity | null> {
    return this.repository.findOneBy({ name });
  }

  /**
   * The row of a plugin seen on disk, created at first sight with the manifest's required
   * permissions granted; on a new version, newly required permissions are granted too.
   */
  async ensure(manifest: PluginManifest): Promise<PluginStateEntity> {
    const required = manifest.permissions.filter((rule) => !rule.optional);
    const existing = await this.get(manifest.name);
    if (!existing) {
      const created = this.repository.create({ name: manifest.name, version: manifest.version, enabled: true, config: {}, granted: required });
      await this.repository.createQueryBuilder().insert().values(created as QueryDeepPartialEntity<PluginStateEntity>).orIgnore().execute();
      return (await this.get(manifest.name)) ?? created;
    }
    if (existing.version !== manifest.version) {
      existing.granted = mergeRules(existing.granted, required);
      existing.version = manifest.version;
      await this.update(manifest.name, { version: existing.version, granted: existing.granted });
    }
    return existing;
  }

  async update(name: string, changes: Partial<Pick<PluginStateEntity, 'version' | 'enabled' | 'config' | 'granted' | 'disabledReason' | 'lastError'>>): Promise<void> {
    await this.repository.update({ name }, { ...changes, updatedAt: new Date() } as QueryDeepPartialEntity<PluginStateEntity>);
  }

  async remove(name: string): Promise<void> {
    await this.repository.delete({ name });
  }
}

function mergeRules(current: PermissionRule[], added: PermissionRule[]): PermissionRule[] {
  const key = (rule: PermissionRule) => `${rule.effect}|${rule.resource}|${[...rule.actions].sort().join(',')}`;
  const seen = new Set(current.map(key));
  return [...current, ...added.filter((rule) => !seen.has(key(rule)))];
}
