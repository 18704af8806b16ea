import { posix } from 'node:path';

/** What the checks need of one tar entry. */
export interface ArchiveEntryInfo {
  path: string;
  type: string;
  size: number;
}

// Regular files and folders only: a symbolic or hard link could point anywhere (or be
// followed by a later entry), and devices or FIFOs have no place in a plugin.
const FILE_TYPES = new Set(['File', 'OldFile', 'ContiguousFile']);
const ALLOWED_TYPES = new Set([...FILE_TYPES, 'Directory']);

/** True for the types whose bytes count towards the size limit. */
export const isFileEntry = (entry: ArchiveEntryInfo): boolean => FILE_TYPES.has(entry.type);

/**
 * Why an entry may not be unpacked, or undefined when it may: links and special files,
 * absolute paths, `..` segments, backslashes and drive letters (which mean a path elsewhere
 * on Windows) are all refused, whatever the archive tool would do with them.
 *
 * @example
 * entryProblem({ path: '../escape.txt', type: 'File', size: 3 }); // 'entry "../escape.txt" climbs out of the package with ".."'
 */
export function entryProblem(entry: ArchiveEntryInfo): string | undefined {
  const path = entry.path;
  if (!ALLOWED_TYPES.has(entry.type)) {
    return `entry "${path}" is a ${describeType(entry.type)}; a plugin package may hold only files and folders`;
  }
  if (path === '' || path.includes('\0')) return 'an entry has an empty or invalid name';
  if (posix.isAbsolute(path) || /^[A-Za-z]:/.test(path)) return `entry "${path}" has an absolute path`;
  if (path.includes('\\')) return `entry "${path}" contains a backslash`;
  if (path.split('/').includes('..')) return `entry "${path}" climbs out of the package with ".."`;
  return undefined;
}

function describeType(type: string): string {
  switch (type) {
    case 'SymbolicLink':
      return 'symbolic link';
    case 'Link':
      return 'hard link';
    default:
      return `${type} entry`;
  }
}
