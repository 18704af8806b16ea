import { TesseraError } from '@tessera/sdk';
import semver from 'semver';
import { FolderRepository } from './folder-repository.js';
import { HttpRepository } from './http-repository.js';
import { packageRejected } from './package-rejected.js';
import type { PluginRepository, RepositoryPackage } from './plugin-repository.interface.js';

/** A configured repository as the admin API shows it. */
export interface RepositoryStatus {
  source: string;
  kind: 'folder' | 'http';
  available: boolean;
  /** How many packages it offers (when available). */
  packages?: number;
  /** Why it could not be read (when not available). */
  error?: string;
}

/** Packages matching a search, and the repositories that could not be read. */
export interface RepositorySearch {
  items: RepositoryPackage[];
  unavailable: Array<{ repository: string; error: string }>;
}

const reasonOf = (error: unknown): string => (error as Error)?.message ?? String(error);

/**
 * The configured plugin repositories (`PLUGIN_REPOSITORIES`): folders and http(s) index URLs,
 * read on demand (a repository that is down only fails the requests that need it).
 *
 * @example
 * const repositories = new PluginRepositories(['./repository', 'https://plugins.example.com/index.json'], { maxBytes: 50e6, timeoutMs: 15_000 });
 * const { items } = await repositories.search('hello');
 */
export class PluginRepositories {
  private readonly repositories: PluginRepository[];

  constructor(sources: readonly string[], limits: { maxBytes: number; timeoutMs: number }) {
    this.repositories = sources.map((source) => (/^https?:\/\//i.test(source) ? new HttpRepository(source, limits) : new FolderRepository(source)));
  }

  /** Each repository, whether it answers, and how many packages it offers. */
  async describe(): Promise<RepositoryStatus[]> {
    return Promise.all(
      this.repositories.map(async (repository): Promise<RepositoryStatus> => {
        try {
          return { source: repository.source, kind: repository.kind, available: true, packages: (await repository.list()).length };
        } catch (error) {
          return { source: repository.source, kind: repository.kind, available: false, error: reasonOf(error) };
        }
      }),
    );
  }

  /** Packages whose name, description or category contains `query` (case-insensitive); all without one. */
  async search(query = ''): Promise<RepositorySearch> {
    const needle = query.trim().toLowerCase();
    const result: RepositorySearch = { items: [], unavailable: [] };
    for (const repository of this.repositories) {
      try {
        const packages = await repository.list();
        result.items.push(...packages.filter((entry) => [entry.name, entry.description ?? '', entry.category ?? ''].some((text) => text.toLowerCase().includes(needle))));
      } catch (error) {
        result.unavailable.push({ repository: repository.source, error: reasonOf(error) });
      }
    }
    return result;
  }

  /**
   * The package `name` of `source` at `version` (an exact version or a semver range; the highest
   * matching, or the highest of all without one), fetched to a local file.
   *
   * @throws VALIDATION_ERROR for a repository that is not configured, PLUGIN_NOT_FOUND when it has
   * no such package, PLUGIN_INSTALLATION_FAILED when it cannot be read.
   */
  async fetch(source: string, name: string, version: string | undefined, intoDir: string): Promise<{ entry: RepositoryPackage; file: string; release(): Promise<void> }> {
    const repository = this.repositories.find((candidate) => candidate.source === source);
    if (!repository) {
      const known = this.repositories.map((candidate) => candidate.source).join(', ') || 'none (set PLUGIN_REPOSITORIES)';
      throw new TesseraError('VALIDATION_ERROR', `"${source}" is not a configured repository. Configured: ${known}.`, [{ field: 'repository', constraints: { isConfigured: 'repository must be one of GET /api/v1/plugins/repositories' } }]);
    }
    let packages: RepositoryPackage[];
    try {
      packages = (await repository.list()).filter((entry) => entry.name === name);
    } catch (error) {
      throw packageRejected(`repository ${source} cannot be read: ${reasonOf(error)}`, { reason: 'REPOSITORY_UNAVAILABLE' });
    }
    const entry = pickVersion(packages, version);
    if (!entry) {
      const offered = packages.map((candidate) => candidate.version).join(', ');
      throw new TesseraError('PLUGIN_NOT_FOUND', `Repository ${source} has no package "${name}"${version ? ` at ${version}` : ''}${offered ? ` (it offers ${offered})` : ''}.`);
    }
    try {
      return { entry, ...(await repository.fetch(entry, intoDir)) };
    } catch (error) {
      throw packageRejected(`${entry.name} ${entry.version} cannot be fetched from ${source}: ${reasonOf(error)}`, { reason: 'REPOSITORY_UNAVAILABLE' });
    }
  }
}

function pickVersion(packages: RepositoryPackage[], wanted: string | undefined): RepositoryPackage | undefined {
  const exact = packages.find((entry) => entry.version === wanted);
  if (exact) return exact;
  const versions = packages.map((entry) => entry.version).filter((version) => semver.valid(version));
  const best = wanted ? semver.maxSatisfying(versions, wanted, { includePrerelease: true }) : semver.rsort([...versions])[0];
  return best ? packages.find((entry) => entry.version === best) : undefined;
}
