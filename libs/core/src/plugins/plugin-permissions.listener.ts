import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { PermissionCatalog } from '@tessera/admin';
import { PluginLifecycleEvents } from '@tessera/kernel';

/** Lists the permissions a plugin's endpoints require in the admin catalogue while it is active. */
@Injectable()
export class PluginPermissionsListener implements OnModuleInit {
  constructor(
    @Inject(PluginLifecycleEvents) private readonly events: PluginLifecycleEvents,
    @Inject(PermissionCatalog) private readonly catalog: PermissionCatalog,
  ) {}

  onModuleInit(): void {
    this.events.subscribe({
      activated: (record, unit) => {
        if (unit.permissions.length > 0) this.catalog.register(`plugin:${record.name}`, [...unit.permissions]);
      },
      deactivated: (record) => this.catalog.unregister(`plugin:${record.name}`),
    });
  }
}
