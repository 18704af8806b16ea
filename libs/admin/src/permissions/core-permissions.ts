import type { PermissionDefinition } from './permission-catalog.service.js';

/** Permissions the framework itself checks; plugins add theirs through the catalogue. */
export const CORE_PERMISSIONS: PermissionDefinition[] = [
  { name: 'plugins.read', description: 'List plugins and read their details, health, metrics and logs.' },
  { name: 'plugins.manage', description: 'Install, update, enable, disable, restart, configure and uninstall plugins.' },
  { name: 'plugins.secrets', description: 'Read secret plugin settings unmasked.' },
  { name: 'tasks.read', description: 'List scheduled tasks and their run history.' },
  { name: 'tasks.manage', description: 'Run, pause and resume scheduled tasks.' },
  { name: 'users.read', description: 'Read end users (used by user management plugins).' },
  { name: 'users.manage', description: 'Create, change and delete end users (used by user management plugins).' },
  { name: 'accounts.read', description: 'List admin accounts.' },
  { name: 'accounts.manage', description: 'Create, change, disable and delete admin accounts; revoke their sessions.' },
  { name: 'roles.read', description: 'List roles, role assignments and the permission catalogue.' },
  { name: 'roles.manage', description: 'Create, change and delete roles; assign them to admins and users.' },
  { name: 'audit.read', description: 'Read the audit trail of admin changes.' },
];
