import { PermissionDeniedError } from '../permissions/permission-denied.exception.js';

/** What the context needs of a plugin's permissions (the kernel's PermissionSet). */
export interface PermissionChecker {
  can(resource: string, action: string): boolean;
}

/** Throws PLUGIN_PERMISSION_DENIED unless the plugin holds `action` on `resource`. */
export function demand(plugin: string, permissions: () => PermissionChecker, resource: string, action: string): void {
  if (!permissions().can(resource, action)) throw new PermissionDeniedError(plugin, resource, action);
}
