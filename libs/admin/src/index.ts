export * from './admin.constants.js';
export * from './admin-options.interface.js';
export * from './admin.module.js';
export * from './accounts/admin-account.entity.js';
export * from './accounts/admin-account.service.js';
export * from './accounts/admin-account-rules.js';
export * from './accounts/create-admin-account.js';
export * from './auth/admin-auth.service.js';
export * from './roles/role.entity.js';
export * from './roles/role-assignment.entity.js';
export { RoleService, type SubjectKind, type SubjectGrants, type RoleInput, type AssignmentWithRole } from './roles/role.service.js';
export * from './permissions/permission-catalog.service.js';
export * from './permissions/permission-names.js';
export { CORE_PERMISSIONS } from './permissions/core-permissions.js';
export { AdminPrincipalGuard } from './http/admin-principal.guard.js';
export { AdminController, AdminApiController } from './http/admin-controller.decorator.js';
export * from './audit/audit-entry.entity.js';
export * from './audit/audit-log.service.js';

import { AdminAccount } from './accounts/admin-account.entity.js';
import { AuditEntry } from './audit/audit-entry.entity.js';
import { CreateAuditLog1795000000310 } from './audit/create-audit-log.migration.js';
import { CreateAdminTables1795000000300 } from './migrations/create-admin-tables.migration.js';
import { RoleAssignment } from './roles/role-assignment.entity.js';
import { Role } from './roles/role.entity.js';

/** Entity classes of libs/admin, for `DatabaseModule.forRoot({ entities })`. */
export const adminEntities = [AdminAccount, Role, RoleAssignment, AuditEntry];
/** Migrations of libs/admin, for `DatabaseModule.forRoot({ migrations })`. */
export const adminMigrations = [CreateAdminTables1795000000300, CreateAuditLog1795000000310];
export { CreateAdminTables1795000000300, CreateAuditLog1795000000310 };
