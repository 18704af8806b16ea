import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import type { PluginStateStore } from '../state/plugin-state.store.js';
import { copyFolder } from './move-folder.js';
import { BACKUP_RECORD_FILE } from './packaging.constants.js';
import { snapshotPluginData, type PluginDataSnapshot } from './plugin-data-snapshot.js';

/** The `backup.json` of a backup folder. */
export interface BackupRecord extends PluginDataSnapshot {
  /** The folder's name under the backups directory: `<name>-<version>-<UTC timestamp>`. */
  id: string;
  plugin: string;
  version: string;
  reason: 'update' | 'uninstall';
  created_at: string;
  /** Where the plugin's folder was. */
  source_dir: string;
  /** Its persisted state at that moment: enabled, config (secrets as stored), granted permissions. */
  state: { enabled: boolean; config: Record<string, unknown>; granted: unknown[] } | null;
}

export interface BackupRequest {
  plugin: string;
  version: string;
  /** The plugin's folder. */
  dir: string;
  reason: BackupRecord['reason'];
  /** Other installed plugins, so their tables are not taken for this one's. */
  otherPlugins: readonly string[];
}

/**
 * Backups of plugins taken before an update or an uninstall, one folder each under `dir`:
 * `plugin/` (its files), `data/<table>.json` (its tables) and `backup.json` (version, migration
 * state, stored config and grants).
 *
 * @example
 * const backup = await backups.create({ plugin: 'hello', version: '1.0.0', dir: 'plugins/hello', reason: 'update', otherPlugins: [] });
 * backup.id; // 'hello-1.0.0-20261120T101500123Z'
 */
export class PluginBackups {
  constructor(
    readonly dir: string,
    private readonly dataSource: DataSource,
    private readonly store: PluginStateStore,
  ) {}

  async create(request: BackupRequest): Promise<BackupRecord> {
    const id = this.newId(request.plugin, request.version);
    const folder = join(this.dir, id);
    await mkdir(folder, { recursive: true, mode: 0o700 });
    // The data first: the plugin's tables and state row are what an admin cannot rebuild.
    const row = await this.store.get(request.plugin);
    const snapshot = await snapshotPluginData(this.dataSource, request.plugin, request.otherPlugins, folder);
    if (request.dir && existsSync(request.dir)) await copyFolder(request.dir, join(folder, 'plugin'));
    const record: BackupRecord = {
      id,
      plugin: request.plugin,
      version: request.version,
      reason: request.reason,
      created_at: new Date().toISOString(),
      source_dir: request.dir,
      state: row ? { enabled: row.enabled, config: row.config, granted: row.granted } : null,
      ...snapshot,
    };
    // It holds the stored config, secrets included: readable by the server's user only.
    await writeFile(join(folder, BACKUP_RECORD_FILE), `${JSON.stringify(record, null, 2)}\n`, { mode: 0o600 });
    return record;
  }

  /** Deletes a backup that turned out not to be needed (its change was refused). */
  async discard(id: string): Promise<void> {
    await rm(join(this.dir, id), { recursive: true, force: true });
  }

  private newId(plugin: string, version: string): string {
    const stamp = new Date().toISOString().replace(/[-:.]/g, '');
    const base = `${plugin}-${version}-${stamp}`;
    let id = base;
    for (let n = 2; existsSync(join(this.dir, id)); n += 1) id = `${base}-${n}`;
    return id;
  }
}
