import { TesseraError } from '@tessera/sdk';

/**
 * A plugin used a shared service (database, cache, another plugin...) it holds no permission for.
 *
 * @example
 * if (!permissions.can('cache.users', 'write')) throw new PermissionDeniedError('users', 'cache.users', 'write');
 * // Plugin "users" may not write "cache.users". Add { resource: "cache.users", actions: [write] } to
 * // permissions in its plugin.yaml, or ask an admin to grant it (PUT /api/v1/plugins/users/permissions).
 */
export class PermissionDeniedError extends TesseraError {
  constructor(
    readonly plugin: string,
    readonly resource: string,
    readonly action: string,
  ) {
    super(
      'PLUGIN_PERMISSION_DENIED',
      `Plugin "${plugin}" may not ${action} "${resource}". Add { resource: "${resource}", actions: [${action}] } to permissions ` +
        `in its plugin.yaml, or ask an admin to grant it (PUT /api/v1/plugins/${plugin}/permissions).`,
      { plugin, resource, action },
    );
    this.name = 'PermissionDeniedError';
  }
}
