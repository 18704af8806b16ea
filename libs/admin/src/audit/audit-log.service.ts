import { Injectable, Logger } from '@nestjs/common';
import { isTesseraError } from '@tessera/sdk';
import { Between, DataSource, LessThanOrEqual, MoreThanOrEqual, type FindOptionsWhere, type QueryDeepPartialEntity } from 'typeorm';
import { AdminAccount } from '../accounts/admin-account.entity.js';
import { isUuid } from '../roles/role.service.js';
import { AuditEntry, type AuditResult } from './audit-entry.entity.js';

/** Who made a change: an admin account (its email is looked up when not given). */
export interface AuditActor {
  id: string;
  email?: string | null;
}

/** One change to write to the audit trail. */
export interface AuditRecordInput {
  actor: AuditActor | null;
  action: string;
  target: string;
  /** The request's parameters; mask secrets before passing them. */
  params?: Record<string, unknown>;
  result: AuditResult;
  error_code?: string;
  error_message?: string;
}

/** Filters of {@link AuditLog.query}. */
export interface AuditQuery {
  actor?: string;
  action?: string;
  target?: string;
  result?: AuditResult;
  since?: Date;
  until?: Date;
  page?: number;
  perPage?: number;
}

/**
 * The admin audit trail: every change made through the admin API, successful or not, with
 * who made it and when. Writing an entry never fails the change it describes (the change has
 * already happened); a failed write is logged instead.
 *
 * @example
 * await audit.record({ actor: { id: principal.id }, action: 'plugin.disable', target: 'plugin:hello', params: { reason: 'maintenance' }, result: 'success' });
 * const restarted = await audit.around({ id: principal.id }, 'plugin.restart', 'plugin:hello', {}, () => loader.restart('hello'));
 */
@Injectable()
export class AuditLog {
  private readonly logger = new Logger('Audit');

  constructor(private readonly dataSource: DataSource) {}

  async record(input: AuditRecordInput): Promise<void> {
    try {
      const entry: Partial<AuditEntry> = {
        actorId: input.actor && isUuid(input.actor.id) ? input.actor.id : null,
        actorEmail: input.actor ? (input.actor.email ?? (await this.emailOf(input.actor.id))) : null,
        action: input.action,
        target: input.target,
        params: input.params ?? null,
        result: input.result,
        errorCode: input.error_code ?? null,
        errorMessage: input.error_message ?? null,
      };
      // jsonb params are stored as given; TypeORM's deep-partial type cannot express that.
      await this.dataSource.getRepository(AuditEntry).insert(entry as QueryDeepPartialEntity<AuditEntry>);
    } catch (error) {
      this.logger.error(`Could not write the audit entry ${input.action} ${input.target} (${input.result}): ${(error as Error)?.message ?? String(error)}`);
    }
  }

  /**
   * Runs `change`, writes `success` or `failure` (with the error's code) for it, and answers
   * what the change answered or rethrows what it threw.
   */
  async around<T>(actor: AuditActor | null, action: string, target: string, params: Record<string, unknown>, change: () => Promise<T>): Promise<T> {
    try {
      const result = await change();
      await this.record({ actor, action, target, params, result: 'success' });
      return result;
    } catch (error) {
      const code = isTesseraError(error) ? error.code : 'INTERNAL_ERROR';
      await this.record({ actor, action, target, params, result: 'failure', error_code: code, error_message: (error as Error)?.message ?? String(error) });
      throw error;
    }
  }

  /** Newest first, filtered and paginated. `actor` matches an account id or an email. */
  async query(query: AuditQuery = {}): Promise<{ items: AuditEntry[]; total: number }> {
    const perPage = query.perPage ?? 50;
    const page = query.page ?? 1;
    const where: FindOptionsWhere<AuditEntry> = {};
    if (query.action) where.action = query.action;
    if (query.target) where.target = query.target;
    if (query.result) where.result = query.result;
    if (query.since && query.until) where.at = Between(query.since, query.until);
    else if (query.since) where.at = MoreThanOrEqual(query.since);
    else if (query.until) where.at = LessThanOrEqual(query.until);
    if (query.actor && isUuid(query.actor)) where.actorId = query.actor;
    else if (query.actor) where.actorEmail = query.actor.toLowerCase();
    const [items, total] = await this.dataSource.getRepository(AuditEntry).findAndCount({
      where,
      order: { at: 'DESC', id: 'DESC' },
      skip: (page - 1) * perPage,
      take: perPage,
    });
    return { items, total };
  }

  private async emailOf(accountId: string): Promise<string | null> {
    if (!isUuid(accountId)) return null;
    const account = await this.dataSource.getRepository(AdminAccount).findOne({ where: { id: accountId }, select: { id: true, email: true } });
    return account?.email ?? null;
  }
}
