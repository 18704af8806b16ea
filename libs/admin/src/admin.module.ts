import { Global, Module, type DynamicModule } from '@nestjs/common';
import { ADMIN_OPTIONS } from './admin.constants.js';
import { resolveAdminOptions, type AdminModuleOptions } from './admin-options.interface.js';
import { AccountsController } from './accounts/accounts.controller.js';
import { AdminAccountService } from './accounts/admin-account.service.js';
import { AdminBootstrap } from './accounts/admin-bootstrap.service.js';
import { AdminAuthController } from './auth/admin-auth.controller.js';
import { AdminAuthService } from './auth/admin-auth.service.js';
import { AuditController } from './audit/audit.controller.js';
import { AuditLog } from './audit/audit-log.service.js';
import { AccountPresenter } from './http/account-presenter.service.js';
import { AdminPrincipalGuard } from './http/admin-principal.guard.js';
import { MeController } from './me/me.controller.js';
import { PermissionCatalog } from './permissions/permission-catalog.service.js';
import { PermissionsController } from './permissions/permissions.controller.js';
import { RoleAssignmentsController } from './roles/role-assignments.controller.js';
import { RoleService } from './roles/role.service.js';
import { RolesController } from './roles/roles.controller.js';
import { PluginConfigController } from './plugins/plugin-config.controller.js';
import { PluginLifecycleController } from './plugins/plugin-lifecycle.controller.js';
import { PluginLogsController } from './plugins/plugin-logs.controller.js';
import { PluginMessagesController } from './plugins/plugin-messages.controller.js';
import { PluginPermissionsController } from './plugins/plugin-permissions.controller.js';
import { PluginPresenter } from './plugins/plugin-presenter.service.js';
import { PluginsController } from './plugins/plugins.controller.js';
import { PluginHealthController } from './plugins/plugin-health.controller.js';
import { PluginInstallController } from './plugins/plugin-install.controller.js';

/**
 * Controllers of the admin plugin API (`/api/v1/plugins`), mounted unless `pluginApi: false`.
 * Routes with a fixed path (install, search, repositories, broadcast) come before
 * `GET /:name`, so no fixed path is ever taken for a plugin's name.
 */
const PLUGIN_API_CONTROLLERS = [
  PluginInstallController,
  PluginMessagesController,
  PluginsController,
  PluginConfigController,
  PluginLifecycleController,
  PluginLogsController,
  PluginPermissionsController,
  PluginHealthController,
];
const PLUGIN_API_PROVIDERS = [PluginPresenter];

/**
 * Admin accounts, roles, permissions and the admin REST API under `/api/v1/admin`, the audit
 * trail (`/api/v1/audit`) and the admin plugin API (`/api/v1/plugins`). Works with every
 * plugin disabled. Global so the kernel can reach the `PermissionCatalog`, the users plugin
 * the `RoleService`, and other admin controllers the `AuditLog`. Needs `DatabaseModule`,
 * `AuthModule`, `OtpModule` and, for the plugin API, `PluginLoaderModule`.
 *
 * @example
 * imports: [
 *   DatabaseModule.forRoot({ dataDir, entities: [...authEntities, ...otpEntities, ...adminEntities], migrations: [...] }),
 *   AuthModule.forRoot({ dataDir, jwtSecret }), OtpModule.forRoot(), AdminModule.forRoot({ initialAdmin: { email, password } }),
 * ]
 */
@Global()
@Module({})
export class AdminModule {
  static forRoot(options: AdminModuleOptions = {}): DynamicModule {
    const resolved = resolveAdminOptions(options);
    const exported = [PermissionCatalog, RoleService, AdminAccountService, AdminAuthService, AuditLog];
    return {
      module: AdminModule,
      controllers: [
        AdminAuthController,
        MeController,
        AccountsController,
        RolesController,
        RoleAssignmentsController,
        PermissionsController,
        AuditController,
        ...(resolved.pluginApi ? PLUGIN_API_CONTROLLERS : []),
      ],
      providers: [
        { provide: ADMIN_OPTIONS, useValue: resolved },
        ...exported,
        AccountPresenter,
        AdminPrincipalGuard,
        AdminBootstrap,
        ...(resolved.pluginApi ? PLUGIN_API_PROVIDERS : []),
      ],
      exports: [ADMIN_OPTIONS, ...exported],
    };
  }
}
