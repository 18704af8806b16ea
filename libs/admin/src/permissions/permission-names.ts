const PERMISSION = /^[a-z][a-z0-9_-]*(\.[a-z][a-z0-9_-]*)+$/;
const WILDCARD = /^([a-z][a-z0-9_-]*\.)+\*$/;

/** True for a concrete permission name such as `plugins.manage` (lower case, dotted). */
export function isPermissionName(value: string): boolean {
  return PERMISSION.test(value);
}

/** True for what a role may hold: a permission name, a `prefix.*` wildcard or `*`. */
export function isGrantablePermission(value: string): boolean {
  return value === '*' || PERMISSION.test(value) || WILDCARD.test(value);
}

/** True for `*` and `prefix.*`. */
export function isWildcard(value: string): boolean {
  return value === '*' || value.endsWith('.*');
}
