import { Injectable } from '@nestjs/common';
import { PluginContext, TesseraError } from '@tessera/sdk';
import { Raw, type Repository } from 'typeorm';
import { escapeLike } from './like-pattern.js';
import { UserAccount } from './user-account.entity.js';

/** The fields a new account is made of (email already lower-cased, password already hashed). */
export type NewUserAccount = Pick<UserAccount, 'username' | 'email' | 'fullName' | 'passwordHash'>;

/** What an update may change. */
export type UserAccountChanges = Partial<Pick<UserAccount, 'username' | 'email' | 'fullName' | 'passwordHash' | 'isActive' | 'isAdmin'>>;

export interface UserPageQuery {
  page: number;
  pageSize: number;
  search?: string;
}

// SQLSTATE of a unique violation, the same on PostgreSQL and PGlite.
const UNIQUE_VIOLATION = '23505';

/**
 * The users_accounts table through the plugin's own repository (every call checked against
 * `db.users`). Username lookups are case-insensitive (`lower(username)`, served by the unique
 * index); emails are stored and looked up lower-cased.
 */
@Injectable()
export class UserStore {
  constructor(private readonly ctx: PluginContext) {}

  findById(id: string): Promise<UserAccount | null> {
    return this.repository().findOne({ where: { id } });
  }

  findByUsername(username: string): Promise<UserAccount | null> {
    return this.repository().findOne({ where: { username: Raw((column) => `lower(${column}) = lower(:username)`, { username }) } });
  }

  findByEmail(email: string): Promise<UserAccount | null> {
    return this.repository().findOne({ where: { email: normaliseEmail(email) } });
  }

  /** A login names a username or an email; usernames cannot contain "@", so there is no ambiguity. */
  findByLogin(login: string): Promise<UserAccount | null> {
    return login.includes('@') ? this.findByEmail(login) : this.findByUsername(login);
  }

  /** Newest first; `search` matches a substring of the username or the email, case-insensitively. */
  async page(query: UserPageQuery): Promise<{ accounts: UserAccount[]; total: number }> {
    const pattern = query.search ? `%${escapeLike(query.search)}%` : undefined;
    const matches = (column: string) => `${column} ILIKE :pattern ESCAPE '\\'`;
    const [accounts, total] = await this.repository().findAndCount({
      where: pattern ? [{ username: Raw(matches, { pattern }) }, { email: Raw(matches, { pattern }) }] : {},
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
    return { accounts, total };
  }

  /** Inserts an account; a taken username or email is a VALIDATION_ERROR naming the field, even in a race. */
  async insert(account: NewUserAccount): Promise<UserAccount> {
    await this.assertAvailable({ username: account.username, email: account.email });
    const repository = this.repository();
    try {
      return await repository.save(repository.create(account));
    } catch (error) {
      throw await this.duplicateOr(error, account);
    }
  }

  /** Applies changes and returns the account as stored; same uniqueness rules as insert. */
  async update(current: UserAccount, changes: UserAccountChanges): Promise<UserAccount> {
    await this.assertAvailable({ username: changes.username, email: changes.email }, current.id);
    try {
      await this.repository().update({ id: current.id }, { ...changes, updatedAt: new Date() });
    } catch (error) {
      throw await this.duplicateOr(error, changes, current.id);
    }
    const updated = await this.findById(current.id);
    if (!updated) throw notFound(current.id);
    return updated;
  }

  /**
   * Stores a new hash of the same password (argon2 parameters changed). Not a profile change:
   * `updated_at` stays, and no cached view shows the hash.
   */
  async storeRehash(id: string, passwordHash: string): Promise<void> {
    await this.repository().update({ id }, { passwordHash });
  }

  /** Deletes an account; false when there was none. */
  async delete(id: string): Promise<boolean> {
    const result = await this.repository().delete({ id });
    return (result.affected ?? 0) > 0;
  }

  private repository(): Repository<UserAccount> {
    return this.ctx.db.getRepository(UserAccount);
  }

  /** Checks first so the usual case gets a precise message; the unique indexes still decide races. */
  private async assertAvailable(fields: { username?: string; email?: string }, exceptId?: string): Promise<void> {
    const taken: DuplicateField[] = [];
    if (fields.username !== undefined) {
      const owner = await this.findByUsername(fields.username);
      if (owner && owner.id !== exceptId) taken.push('username');
    }
    if (fields.email !== undefined) {
      const owner = await this.findByEmail(fields.email);
      if (owner && owner.id !== exceptId) taken.push('email');
    }
    if (taken.length > 0) throw duplicate(taken, fields);
  }

  private async duplicateOr(error: unknown, fields: { username?: string; email?: string }, exceptId?: string): Promise<unknown> {
    if (!isUniqueViolation(error)) return error;
    const constraint = String((error as { driverError?: { constraint?: unknown } }).driverError?.constraint ?? '');
    if (constraint.endsWith('_username')) return duplicate(['username'], fields);
    if (constraint.endsWith('_email')) return duplicate(['email'], fields);
    // The driver did not name the index: ask the table which value is taken now.
    try {
      await this.assertAvailable(fields, exceptId);
    } catch (named) {
      return named;
    }
    return duplicate((['username', 'email'] as const).filter((field) => fields[field] !== undefined), fields);
  }
}

type DuplicateField = 'username' | 'email';

/**
 * Emails compare lower-cased: the local part is case-sensitive in theory, in practice no
 * provider treats Ada@ and ada@ as two people, and two accounts for them would confuse both.
 */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

function isUniqueViolation(error: unknown): boolean {
  const { code, driverError } = (error ?? {}) as { code?: unknown; driverError?: { code?: unknown } };
  return code === UNIQUE_VIOLATION || driverError?.code === UNIQUE_VIOLATION;
}

function duplicate(fields: DuplicateField[], values: { username?: string; email?: string }): TesseraError {
  const messages: Record<DuplicateField, string> = {
    username: `username "${values.username}" is already taken`,
    email: `email "${values.email}" is already registered`,
  };
  return new TesseraError(
    'VALIDATION_ERROR',
    `Invalid request: ${fields.map((field) => messages[field]).join('; ')}.`,
    fields.map((field) => ({ field, constraints: { unique: messages[field] } })),
  );
}

function notFound(id: string): TesseraError {
  return new TesseraError('NOT_FOUND', `User ${id} does not exist.`);
}
