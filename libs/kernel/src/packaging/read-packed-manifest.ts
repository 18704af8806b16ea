import * as tar from 'tar';
import { parse } from 'yaml';
import { MANIFEST_FILE } from '../manifest/manifest-schema.constants.js';

/** What a repository listing shows of a package, read from its plugin.yaml without unpacking. */
export interface PackedManifestSummary {
  name: string;
  version: string;
  description?: string;
  category?: string;
}

// A plugin.yaml is a few KB; a larger one is not read into memory for a listing.
const MAX_MANIFEST_BYTES = 256 * 1024;

/**
 * Reads name, version, description and category from the plugin.yaml inside a `.tgz` (at its top
 * or under its one top-level folder), without writing anything to disk. This is for listings:
 * the full checks run when the package is installed.
 *
 * @returns undefined when the archive holds no readable plugin.yaml with a name and a version.
 * @example
 * await readPackedManifest('repo/hello-1.0.0.tgz'); // { name: 'hello', version: '1.0.0', description: 'Says hello...' }
 */
export async function readPackedManifest(tgz: string): Promise<PackedManifestSummary | undefined> {
  let text: string | undefined;
  try {
    await tar.t({
      file: tgz,
      filter: (path) => text === undefined && isManifestPath(path),
      onReadEntry: (entry) => {
        if (entry.type !== 'File' || entry.size > MAX_MANIFEST_BYTES) return;
        const chunks: Buffer[] = [];
        entry.on('data', (chunk: Buffer) => chunks.push(chunk));
        entry.on('end', () => (text ??= Buffer.concat(chunks).toString('utf8')));
      },
    });
    const data = text === undefined ? undefined : (parse(text) as Record<string, unknown> | null);
    if (!data || typeof data.name !== 'string' || typeof data.version !== 'string') return undefined;
    return {
      name: data.name,
      version: data.version,
      ...(typeof data.description === 'string' ? { description: data.description } : {}),
      ...(typeof data.category === 'string' ? { category: data.category } : {}),
    };
  } catch {
    return undefined;
  }
}

function isManifestPath(path: string): boolean {
  const parts = path.replace(/^\.\//, '').split('/');
  return parts[parts.length - 1] === MANIFEST_FILE && parts.length <= 2;
}
