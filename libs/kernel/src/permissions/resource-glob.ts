import picomatch from 'picomatch';

const GLOB_CHARACTERS = /[*?[\]{}()!+@]/;

/**
 * Compiles a glob over dotted resource names into a matcher. Segments are separated by dots;
 * `*` matches within one segment (`hook.user_*` matches `hook.user_registered`), except that a
 * trailing `.*` matches one or more segments: `db.*` matches `db.users` and `db.users.read` but
 * not `db`. A lone `*` matches every resource. Braces work too: `db.{users,posts}`.
 *
 * @example
 * const matches = compileResourceGlob('db.*');
 * matches('db.users.read'); // true
 * matches('db');            // false
 */
export function compileResourceGlob(glob: string): (resource: string) => boolean {
  if (!GLOB_CHARACTERS.test(glob)) return (resource) => resource === glob;
  const segments = glob.split('.');
  // picomatch separates segments with "/": `**/*` is "one or more segments".
  if (segments[segments.length - 1] === '*') segments.splice(-1, 1, '**', '*');
  const isMatch = picomatch(segments.join('/'), { dot: true });
  return (resource) => isMatch(resource.replaceAll('.', '/'));
}
