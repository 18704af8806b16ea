import type { PermissionRule } from '@tessera/sdk';

/** plugin.yaml's permissions, split by whether the plugin needs them to load. */
export interface SplitGrants {
  /** Rules without `optional: true`: granted when the plugin is installed. */
  granted: PermissionRule[];
  /** Rules with `optional: true`: requested, held only once an admin grants them. */
  optional: PermissionRule[];
}

/**
 * Splits declared permissions into those granted at install and the optional ones.
 *
 * @example
 * const { granted, optional } = splitGrants(manifest.permissions);
 */
export function splitGrants(rules: readonly PermissionRule[]): SplitGrants {
  return {
    granted: rules.filter((rule) => rule.optional !== true),
    optional: rules.filter((rule) => rule.optional === true),
  };
}
