/** The manifest's rule for plugin names (DESIGN.md): lowercase letters, digits and dashes, starting with a letter. */
export const PLUGIN_NAME_PATTERN = /^[a-z][a-z0-9-]*$/;

/** Why `name` cannot be a plugin name, or undefined when it can. */
export function pluginNameProblem(name: string): string | undefined {
  if (PLUGIN_NAME_PATTERN.test(name)) return undefined;
  return `"${name}" is not a plugin name: use lowercase letters, digits and dashes, starting with a letter (like "greeter" or "audit-log").`;
}

/** The prefix of a plugin's class names: `audit-log` → `AuditLog`. */
export function pluginClassName(name: string): string {
  return name
    .split('-')
    .filter((part) => part !== '')
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}
