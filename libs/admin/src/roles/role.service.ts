import { Injectable } from '@nestjs/common';
import { isUniqueViolation } from '@tessera/database';
import { TesseraError, hasPermission, type Principal } from '@tessera/sdk';
import { DataSource, In, type EntityManager } from 'typeorm';
import { SUPER_ADMIN_ROLE } from '../admin.constants.js';
import { AdminAccount } from '../accounts/admin-account.entity.js';
import { PermissionCatalog } from '../permissions/permission-catalog.service.js';
import { isGrantablePermission, isWildcard } from '../permissions/permission-names.js';
import { RoleAssignment } from './role-assignment.entity.js';
import { Role } from './role.entity.js';

export type SubjectKind = Principal['kind'];

/** What a subject holds through its roles. */
export interface SubjectGrants {
  roles: string[];
  permissions: string[];
}

export interface RoleInput {
  name: string;
  description?: string | null;
  permissions: string[];
}

/** A role assignment with its role's name. */
export interface AssignmentWithRole extends RoleAssignment {
  roleName: string;
}

const ROLE_NAME = /^[a-z][a-z0-9_-]{1,63}$/;

/**
 * Roles, their permissions and who holds them (admin accounts and end users alike). Every
 * change made on behalf of an actor is checked so nobody grants what they do not hold, and
 * the last active super admin cannot lose that role.
 *
 * @example
 * const role = await roles.create({ name: 'operator', permissions: ['plugins.read', 'tasks.*'] }, actor);
 * await roles.assign(role.name, 'user', userId, actor);
 * await roles.grantsOf('user', userId); // { roles: ['operator'], permissions: ['plugins.read', 'tasks.*'] }
 */
@Injectable()
export class RoleService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: PermissionCatalog,
  ) {}

  list(): Promise<Role[]> {
    return this.dataSource.getRepository(Role).find({ order: { name: 'ASC' } });
  }

  /** A role by id or by name; `NOT_FOUND` otherwise. */
  async get(idOrName: string): Promise<Role> {
    const repository = this.dataSource.getRepository(Role);
    const role = isUuid(idOrName) ? await repository.findOneBy({ id: idOrName }) : await repository.findOneBy({ name: idOrName });
    if (!role) throw new TesseraError('NOT_FOUND', `Role "${idOrName}" does not exist; list roles with GET /api/v1/admin/roles.`);
    return role;
  }

  async create(input: RoleInput, actor?: Principal): Promise<Role> {
    if (!ROLE_NAME.test(input.name)) {
      throw new TesseraError('VALIDATION_ERROR', 'A role name is 2-64 lower-case letters, digits, "-" or "_", starting with a letter.', [{ field: 'name' }]);
    }
    const permissions = this.checkPermissions(input.permissions, actor);
    try {
      return await this.dataSource.getRepository(Role).save({ name: input.name, description: input.description ?? null, permissions, isSystem: false });
    } catch (error) {
      if (isUniqueViolation(error)) throw new TesseraError('CONFLICT', `A role named "${input.name}" already exists.`);
      throw error;
    }
  }

  async update(idOrName: string, changes: Partial<Omit<RoleInput, 'name'>>, actor?: Principal): Promise<Role> {
    const role = await this.get(idOrName);
    assertEditable(role);
    if (actor) this.assertCanGrant(actor, role.permissions);
    if (changes.permissions) role.permissions = this.checkPermissions(changes.permissions, actor);
    if (changes.description !== undefined) role.description = changes.description;
    role.updatedAt = new Date();
    return this.dataSource.getRepository(Role).save(role);
  }

  async delete(idOrName: string, actor?: Principal): Promise<void> {
    const role = await this.get(idOrName);
    assertEditable(role);
    if (actor) this.assertCanGrant(actor, role.permissions);
    await this.dataSource.getRepository(Role).delete({ id: role.id });
  }

  /** Gives a role to a subject; `CONFLICT` when it already holds it. */
  async assign(roleRef: string, kind: SubjectKind, subjectId: string, actor?: Principal, manager: EntityManager = this.dataSource.manager): Promise<AssignmentWithRole> {
    const role = await this.get(roleRef);
    if (actor) this.assertCanGrant(actor, role.permissions);
    if (kind === 'admin' && !(await manager.getRepository(AdminAccount).existsBy({ id: subjectId }))) {
      throw new TesseraError('NOT_FOUND', `Admin account ${subjectId} does not exist.`);
    }
    try {
      const assignment = await manager.getRepository(RoleAssignment).save({ roleId: role.id, subjectKind: kind, subjectId });
      return { ...assignment, roleName: role.name };
    } catch (error) {
      if (isUniqueViolation(error)) throw new TesseraError('CONFLICT', `The ${kind} ${subjectId} already has the role "${role.name}".`);
      throw error;
    }
  }

  /** Removes an assignment by id; the last active super admin keeps theirs. */
  async unassign(assignmentId: string, actor?: Principal): Promise<void> {
    const assignment = isUuid(assignmentId) ? await this.dataSource.getRepository(RoleAssignment).findOneBy({ id: assignmentId }) : null;
    if (!assignment) throw new TesseraError('NOT_FOUND', `Role assignment ${assignmentId} does not exist.`);
    const role = await this.get(assignment.roleId);
    if (actor) this.assertCanGrant(actor, role.permissions);
    if (role.name === SUPER_ADMIN_ROLE && assignment.subjectKind === 'admin') await this.assertNotLastSuperAdmin(assignment.subjectId);
    await this.dataSource.getRepository(RoleAssignment).delete({ id: assignment.id });
  }

  async listAssignments(filter: { subjectKind?: SubjectKind; subjectId?: string; role?: string } = {}): Promise<AssignmentWithRole[]> {
    const query = this.dataSource
      .getRepository(RoleAssignment)
      .createQueryBuilder('a')
      .innerJoin(Role, 'r', 'r.id = a.roleId')
      .addSelect('r.name', 'role_name')
      .orderBy('a.createdAt', 'ASC');
    if (filter.subjectKind) query.andWhere('a.subjectKind = :kind', { kind: filter.subjectKind });
    if (filter.subjectId) query.andWhere('a.subjectId = :subjectId', { subjectId: filter.subjectId });
    if (filter.role) query.andWhere(isUuid(filter.role) ? 'r.id = :role' : 'r.name = :role', { role: filter.role });
    const { entities, raw } = await query.getRawAndEntities<{ role_name: string }>();
    return entities.map((assignment, index) => ({ ...assignment, roleName: raw[index].role_name }));
  }

  /** Role names and the union of their permissions, for a token. */
  async grantsOf(kind: SubjectKind, subjectId: string, manager: EntityManager = this.dataSource.manager): Promise<SubjectGrants> {
    const roles = await manager
      .getRepository(Role)
      .createQueryBuilder('r')
      .innerJoin(RoleAssignment, 'a', 'a.roleId = r.id')
      .where('a.subjectKind = :kind AND a.subjectId = :subjectId', { kind, subjectId })
      .orderBy('r.name', 'ASC')
      .getMany();
    return { roles: roles.map((role) => role.name), permissions: [...new Set(roles.flatMap((role) => role.permissions))].sort() };
  }

  /** Role names held by each of the subjects, in one query. */
  async roleNamesOf(kind: SubjectKind, subjectIds: string[]): Promise<Map<string, string[]>> {
    const names = new Map<string, string[]>(subjectIds.map((id) => [id, []]));
    if (!subjectIds.length) return names;
    const rows = await this.dataSource
      .getRepository(RoleAssignment)
      .createQueryBuilder('a')
      .innerJoin(Role, 'r', 'r.id = a.roleId')
      .select(['a.subjectId AS subject_id', 'r.name AS role_name'])
      .where({ subjectKind: kind, subjectId: In(subjectIds) })
      .orderBy('r.name', 'ASC')
      .getRawMany<{ subject_id: string; role_name: string }>();
    for (const row of rows) names.get(row.subject_id)?.push(row.role_name);
    return names;
  }

  /** `CONFLICT` when the account is the only active admin holding super_admin. */
  async assertNotLastSuperAdmin(accountId: string): Promise<void> {
    const holders = await this.dataSource
      .getRepository(AdminAccount)
      .createQueryBuilder('account')
      .innerJoin(RoleAssignment, 'a', `a.subjectId = account.id AND a.subjectKind = 'admin'`)
      .innerJoin(Role, 'r', 'r.id = a.roleId AND r.name = :role', { role: SUPER_ADMIN_ROLE })
      .where('account.isActive = true')
      .select('account.id', 'id')
      .getRawMany<{ id: string }>();
    if (holders.length === 1 && holders[0].id === accountId) {
      throw new TesseraError('CONFLICT', 'This is the last active super admin: give super_admin to another active account first.');
    }
  }

  /** `FORBIDDEN` unless the actor holds every permission (so nobody grants more than they have). */
  assertCanGrant(actor: Principal, permissions: string[]): void {
    const beyond = permissions.filter((permission) => !hasPermission(actor, permission));
    if (beyond.length) {
      throw new TesseraError('FORBIDDEN', `You cannot grant permissions you do not hold: ${beyond.map((p) => `"${p}"`).join(', ')}.`, { permissions: beyond });
    }
  }

  private checkPermissions(permissions: string[], actor?: Principal): string[] {
    const unique = [...new Set(permissions)].sort();
    const malformed = unique.filter((permission) => !isGrantablePermission(permission));
    const unknown = unique.filter((permission) => isGrantablePermission(permission) && !isWildcard(permission) && !this.catalog.has(permission));
    if (malformed.length || unknown.length) {
      throw new TesseraError(
        'VALIDATION_ERROR',
        `Unknown permissions: ${[...malformed, ...unknown].map((p) => `"${p}"`).join(', ')}. See GET /api/v1/admin/permissions for the catalogue (wildcards "x.*" and "*" are allowed).`,
        [...malformed, ...unknown].map((value) => ({ field: 'permissions', value })),
      );
    }
    if (actor) this.assertCanGrant(actor, unique);
    return unique;
  }
}

function assertEditable(role: Role): void {
  if (role.isSystem) throw new TesseraError('FORBIDDEN', `The built-in role "${role.name}" cannot be changed or deleted.`);
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
