import { TesseraError } from '@tessera/sdk';

/** What the context needs of a plugin's permissions (the kernel's PermissionSet). */
export interface PermissionChecker {
  can(resource: string, action: string): boolean;
}

/** Throws PLUGIN_PERMISSION_DENIED unless the plugin holds `action` on `resource`. */
export function demand(plugin: string, permissions: () => PermissionChecker, resource: string, action: string): void {
  if (permissions().can(resource, action)) return;
  throw new TesseraError(
    'PLUGIN_PERMISSION_DENIED',
    `Plugin "${plugin}" may not ${action} "${resource}". Declare { resource: "${resource}", actions: [${action}] } in its plugin.yaml, or ask an admin to grant it.`,
    { plugin, resource, action },
  );
}
