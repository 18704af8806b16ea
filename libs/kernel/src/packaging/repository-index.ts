import type { RepositoryIndexEntry } from './plugin-repository.interface.js';

/**
 * The valid entries of a parsed `index.json` (`[...]` or `{ "plugins": [...] }`); entries
 * without a string name, version and file are skipped.
 *
 * @example
 * readRepositoryIndex({ plugins: [{ name: 'hello', version: '1.0.0', file: 'hello-1.0.0.tgz' }] });
 */
export function readRepositoryIndex(data: unknown): RepositoryIndexEntry[] {
  const list = Array.isArray(data) ? data : (data as { plugins?: unknown } | null)?.plugins;
  if (!Array.isArray(list)) throw new Error('index.json must be a list of packages, or an object with a "plugins" list');
  return list.filter(
    (entry): entry is RepositoryIndexEntry =>
      typeof entry === 'object' && entry !== null && ['name', 'version', 'file'].every((key) => typeof (entry as Record<string, unknown>)[key] === 'string'),
  ).map((entry) => ({
    name: entry.name,
    version: entry.version,
    file: entry.file,
    ...(typeof entry.description === 'string' ? { description: entry.description } : {}),
    ...(typeof entry.category === 'string' ? { category: entry.category } : {}),
  }));
}
