import { register } from 'node:module';

/**
 * A module resolution hook (run by Node in its loader thread): a relative import made by a
 * module loaded with `?v=<n>` gets the same `?v=<n>`. The kernel imports a plugin's entry as
 * `dist/index.js?v=<n>`; without this, Node would hand the new entry the *cached* old copies of
 * the plugin's other files (`./greeting.service.js`), and an update would run a mix of the two
 * versions. Bare imports (`@tessera/sdk`, `typeorm`) are left alone: those stay shared.
 */
const HOOK_SOURCE = `
export async function resolve(specifier, context, nextResolve) {
  const result = await nextResolve(specifier, context);
  const parent = context.parentURL;
  if (!parent || !parent.startsWith('file:') || !result.url.startsWith('file:')) return result;
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return result;
  const generation = new URL(parent).searchParams.get('v');
  if (generation === null) return result;
  const url = new URL(result.url);
  url.searchParams.set('v', generation);
  return { ...result, url: url.href };
}
`;

let registered = false;

/**
 * Makes every later `import(entry + '?v=<n>')` load the plugin's whole module graph from disk
 * again, so updated files are the ones that run. Idempotent; the cost is that each reload keeps
 * one more copy of the plugin's modules in memory (Node never evicts ES modules).
 *
 * @example
 * useFreshPluginModules();
 * await import(`${pathToFileURL('plugins/hello/dist/index.js').href}?v=2`); // ./hello.plugin.js?v=2 too
 */
export function useFreshPluginModules(): void {
  if (registered) return;
  register(`data:text/javascript,${encodeURIComponent(HOOK_SOURCE)}`);
  registered = true;
}
