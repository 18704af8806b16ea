import { Global, Module, type DynamicModule } from '@nestjs/common';
import { ADMIN_OPTIONS } from './admin.constants.js';
import { resolveAdminOptions, type AdminModuleOptions } from './admin-options.interface.js';
import { AccountsController } from './accounts/accounts.controller.js';
import { AdminAccountService } from './accounts/admin-account.service.js';
import { AdminBootstrap } from './accounts/admin-bootstrap.service.js';
import { AdminAuthController } from './auth/admin-auth.controller.js';
import { AdminAuthService } from './auth/admin-auth.service.js';
import { AccountPresenter } from './http/account-presenter.service.js';
import { AdminPrincipalGuard } from './http/admin-principal.guard.js';
import { MeController } from './me/me.controller.js';
import { PermissionCatalog } from './permissions/permission-catalog.service.js';
import { PermissionsController } from './permissions/permissions.controller.js';
import { RoleAssignmentsController } from './roles/role-assignments.controller.js';
import { RoleService } from './roles/role.service.js';
import { RolesController } from './roles/roles.controller.js';

/**
 * Admin accounts, roles, permissions and the admin REST API under `/api/v1/admin`. Works with
 * every plugin disabled. Global so the kernel can reach the `PermissionCatalog` and the users
 * plugin the `RoleService`. Needs `DatabaseModule`, `AuthModule` and `OtpModule`.
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
    const exported = [PermissionCatalog, RoleService, AdminAccountService, AdminAuthService];
    return {
      module: AdminModule,
      controllers: [AdminAuthController, MeController, AccountsController, RolesController, RoleAssignmentsController, PermissionsController],
      providers: [{ provide: ADMIN_OPTIONS, useValue: resolveAdminOptions(options) }, ...exported, AccountPresenter, AdminPrincipalGuard, AdminBootstrap],
      exports: [ADMIN_OPTIONS, ...exported],
    };
  }
}
