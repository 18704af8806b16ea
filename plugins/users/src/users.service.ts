import { Injectable } from '@nestjs/common';
import { PasswordHasher, SessionService } from '@tessera/auth';
import { PluginContext, TesseraError, type Principal } from '@tessera/sdk';
import type { ListUsersQuery } from './dto/list-users.dto.js';
import type { RegisterDto } from './dto/register.dto.js';
import type { UpdateUserDto } from './dto/update-user.dto.js';
import { readPageSettings, type PageSettings } from './page-settings.js';
import { assertMayManage, assertMayRead, isSelf, isUserAdmin } from './user-access.js';
import { UserCache } from './user-cache.service.js';
import { diffUser } from './user-changes.js';
import { UserCredentials } from './user-credentials.service.js';
import { UserEvents } from './user-events.service.js';
import { normaliseEmail, UserStore, type UserPageQuery } from './user-store.service.js';
import { toUserView, type UserPage, type UserView } from './user-view.js';

/**
 * User management: registration, reads (cached), the paginated list, updates and deletion,
 * with the access rules of {@link assertMayRead} / {@link assertMayManage}. Every write
 * invalidates the cache before it answers and emits its hook after it is committed.
 */
@Injectable()
export class UsersService {
  private readonly pages: PageSettings;

  constructor(
    ctx: PluginContext,
    private readonly store: UserStore,
    private readonly cache: UserCache,
    private readonly events: UserEvents,
    private readonly credentials: UserCredentials,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionService,
  ) {
    this.pages = readPageSettings(ctx.settings);
  }

  /** Creates an account (POST /register and the `create` action). */
  async register(input: RegisterDto): Promise<UserView> {
    const account = await this.store.insert({
      username: input.username,
      email: normaliseEmail(input.email),
      fullName: input.full_name ?? null,
      passwordHash: await this.hasher.hash(input.password),
    });
    await this.cache.forget(account.id);
    const view = toUserView(account);
    await this.events.registered({ user_id: view.id, username: view.username, email: view.email, full_name: view.full_name });
    return view;
  }

  /** One user by id, from the cache when it holds it; null when there is none. */
  async get(id: string): Promise<UserView | null> {
    const cached = await this.cache.getUser(id);
    if (cached) return cached;
    const account = await this.store.findById(id);
    if (!account) return null;
    const view = toUserView(account);
    await this.cache.setUser(view);
    return view;
  }

  /** GET /:id: yourself, or anyone with users.read; NOT_FOUND after the access check (no probing of ids). */
  async getFor(principal: Principal, id: string): Promise<UserView> {
    assertMayRead(principal, id);
    return (await this.get(id)) ?? notFound(id);
  }

  /** A page of users, newest first, from the cache when it holds it. */
  async list(query: ListUsersQuery): Promise<UserPage> {
    const pageQuery = this.pageQuery(query);
    const cached = await this.cache.getPage(pageQuery);
    if (cached) return cached;
    const { accounts, total } = await this.store.page(pageQuery);
    const page: UserPage = {
      items: accounts.map(toUserView),
      total,
      page: pageQuery.page,
      page_size: pageQuery.pageSize,
      pages: Math.ceil(total / pageQuery.pageSize),
    };
    await this.cache.setPage(pageQuery, page);
    return page;
  }

  /**
   * PUT /:id. Yourself or an admin; is_active / is_admin are for admins only; your own
   * password needs current_password. Disabling, deleting or changing is_admin ends the
   * user's sessions (their permissions live in their tokens); a password change ends the
   * other sessions.
   */
  async update(principal: Principal, id: string, body: UpdateUserDto): Promise<UserView> {
    assertMayManage(principal, id, 'change');
    const adminOnly = (['is_active', 'is_admin'] as const).filter((field) => body[field] !== undefined);
    if (adminOnly.length > 0 && !isUserAdmin(principal)) {
      throw new TesseraError('FORBIDDEN', `Only an admin (permission "users.manage") may change ${adminOnly.join(' and ')}.`, { fields: adminOnly });
    }
    if (body.current_password !== undefined && body.password === undefined) {
      throw invalid('current_password', 'current_password is only used together with password');
    }
    const account = (await this.store.findById(id)) ?? notFound(id);
    const self = isSelf(principal, id);
    if (body.password !== undefined && self) await this.credentials.confirmPassword(account, body.current_password);

    const diff = diffUser(account, body);
    if (body.password !== undefined) {
      diff.changes.passwordHash = await this.hasher.hash(body.password);
      diff.fields.push('password');
    }
    if (diff.fields.length === 0) return toUserView(account);

    const updated = await this.store.update(account, diff.changes);
    await this.cache.forget(id);
    if (diff.fields.includes('is_admin') || updated.isActive !== account.isActive) {
      await this.sessions.revokeAll('user', id, updated.isActive ? 'permissions_changed' : 'account_disabled');
    } else if (diff.fields.includes('password')) {
      await this.sessions.revokeAll('user', id, 'password_changed', self ? sessionOf(principal) : undefined);
    }
    await this.events.profileUpdated({
      user_id: id,
      username: updated.username,
      updated_fields: diff.fields,
      old_values: diff.oldValues,
      new_values: diff.newValues,
      updated_by: { id: principal.id, kind: principal.kind },
    });
    return toUserView(updated);
  }

  /** DELETE /:id: yourself or an admin; the user's sessions end with the account. */
  async delete(principal: Principal, id: string): Promise<void> {
    assertMayManage(principal, id, 'delete');
    const account = (await this.store.findById(id)) ?? notFound(id);
    if (!(await this.store.delete(id))) notFound(id);
    await this.cache.forget(id);
    await this.sessions.revokeAll('user', id, 'account_deleted');
    await this.events.deleted({ user_id: id, username: account.username, email: account.email, deleted_by: { id: principal.id, kind: principal.kind } });
  }

  private pageQuery(query: ListUsersQuery): UserPageQuery {
    const pageSize = query.page_size ?? this.pages.defaultPageSize;
    if (pageSize > this.pages.maxPageSize) throw invalid('page_size', `page_size must be at most ${this.pages.maxPageSize}`, 'max');
    const search = query.search?.trim();
    return { page: query.page ?? 1, pageSize, search: search ? search : undefined };
  }
}

function sessionOf(principal: Principal): string | undefined {
  const sid = principal.claims?.sid;
  return typeof sid === 'string' ? sid : undefined;
}

function notFound(id: string): never {
  throw new TesseraError('NOT_FOUND', `User ${id} does not exist.`);
}

function invalid(field: string, message: string, rule = 'invalid'): TesseraError {
  return new TesseraError('VALIDATION_ERROR', `Invalid request: ${message}.`, [{ field, constraints: { [rule]: message } }]);
}
