import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { readPackedManifest, type PackedManifestSummary } from './read-packed-manifest.js';
import type { PluginRepository, RepositoryPackage } from './plugin-repository.interface.js';
import { readRepositoryIndex } from './repository-index.js';

/**
 * A folder of packed plugins: its `index.json` when there is one, else every `*.tgz` in it
 * (name and version read from the plugin.yaml inside, remembered while the file is unchanged).
 *
 * @example
 * const repository = new FolderRepository('/srv/tessera/repository');
 * const packages = await repository.list();
 */
export class FolderRepository implements PluginRepository {
  readonly kind = 'folder';
  private readonly root: string;
  private readonly summaries = new Map<string, { stamp: string; summary: PackedManifestSummary | undefined }>();

  constructor(readonly source: string) {
    this.root = resolve(source);
  }

  async list(): Promise<RepositoryPackage[]> {
    const index = join(this.root, 'index.json');
    if (existsSync(index)) {
      return readRepositoryIndex(JSON.parse(await readFile(index, 'utf8'))).map((entry) => ({ ...entry, repository: this.source }));
    }
    const files = (await readdir(this.root)).filter((name) => name.endsWith('.tgz')).sort();
    const packages: RepositoryPackage[] = [];
    for (const file of files) {
      const summary = await this.summary(join(this.root, file));
      if (summary) packages.push({ ...summary, file, repository: this.source });
    }
    return packages;
  }

  async fetch(entry: RepositoryPackage): Promise<{ file: string; release(): Promise<void> }> {
    const file = resolve(this.root, entry.file);
    if (!file.startsWith(this.root + sep)) throw new Error(`the repository lists "${entry.file}", which is outside its folder`);
    return { file, release: async () => undefined };
  }

  private async summary(file: string): Promise<PackedManifestSummary | undefined> {
    const info = await stat(file);
    const stamp = `${info.size}:${info.mtimeMs}`;
    const known = this.summaries.get(file);
    if (known?.stamp === stamp) return known.summary;
    const summary = await readPackedManifest(file);
    this.summaries.set(file, { stamp, summary });
    return summary;
  }
}
