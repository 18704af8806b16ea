import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { TesseraError, type Principal } from '@tessera/sdk';
import { DataSource, IsNull, LessThan, MoreThan, type EntityManager } from 'typeorm';
import { AUTH_OPTIONS } from '../auth.constants.js';
import type { ResolvedAuthOptions } from '../auth-options.interface.js';
import { TokenService } from '../tokens/token.service.js';
import { AuthSession } from './auth-session.entity.js';
import { RefreshToken } from './refresh-token.entity.js';
import { RevocationService } from './revocation.service.js';
import type { IssuedTokens, PrincipalResolver, SessionClientInfo, SessionInfo } from './session.interfaces.js';

type RotationOutcome = { kind: 'rotated'; refreshToken: string } | { kind: 'reused' } | { kind: 'refused'; reason: string };

/**
 * Sessions of any account kind ('admin' | 'user'): login issues an access token and a
 * refresh token; each refresh rotates the refresh token; presenting an already rotated one
 * is treated as theft and revokes the whole session (reuse detection); logout revokes.
 *
 * @example
 * const tokens = await sessions.start(principal, { ip, userAgent });
 * const next = await sessions.refresh(tokens.refreshToken, { kind: 'user', resolve: (id) => users.principalOf(id) });
 * await sessions.revoke(next.sessionId, 'logout');
 */
@Injectable()
export class SessionService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: TokenService,
    private readonly revocations: RevocationService,
    @Inject(AUTH_OPTIONS) private readonly options: ResolvedAuthOptions,
  ) {}

  /** Reloads recent revocations so a restart does not revive logged-out access tokens. */
  async onModuleInit(): Promise<void> {
    const since = new Date(Date.now() - this.options.accessTtlSeconds * 1000);
    const recent = await this.dataSource.getRepository(AuthSession).find({ select: { id: true, revokedAt: true }, where: { revokedAt: MoreThan(since) } });
    for (const session of recent) this.revocations.remember([session.id], session.revokedAt ?? undefined);
  }

  /** Opens a session for an authenticated principal. */
  async start(principal: Principal, client: SessionClientInfo = {}): Promise<IssuedTokens> {
    const refreshToken = newRefreshToken();
    const session = await this.dataSource.transaction(async (manager) => {
      const created = await manager.save(
        manager.create(AuthSession, {
          subjectKind: principal.kind,
          subjectId: principal.id,
          ip: client.ip?.slice(0, 64) ?? null,
          userAgent: client.userAgent?.slice(0, 512) ?? null,
          expiresAt: this.refreshExpiry(),
        }),
      );
      await this.storeRefreshToken(manager, created.id, refreshToken);
      return created;
    });
    return this.issue(principal, session.id, refreshToken);
  }

  /**
   * Trades a refresh token for a new pair. Unknown, expired or revoked: `UNAUTHORIZED`.
   * Already used: the session is revoked, then `UNAUTHORIZED`.
   */
  async refresh(refreshToken: string, resolver: PrincipalResolver, client: SessionClientInfo = {}): Promise<IssuedTokens> {
    const stored = await this.dataSource.getRepository(RefreshToken).findOne({ where: { tokenHash: hashToken(refreshToken) } });
    const session = stored && (await this.dataSource.getRepository(AuthSession).findOne({ where: { id: stored.sessionId } }));
    if (!stored || !session || session.subjectKind !== resolver.kind) throw refused('it is unknown');
    if (session.revokedAt) throw refused('its session was logged out or revoked');
    if (stored.usedAt) return this.reuseDetected(session.id);
    if (stored.expiresAt.getTime() <= Date.now()) throw refused('it has expired');

    // Resolved before the transaction: the resolver queries through its own connection.
    const principal = await resolver.resolve(session.subjectId);
    if (!principal) {
      await this.revoke(session.id, 'account_unavailable');
      throw refused('the account no longer exists or is disabled');
    }

    const outcome = await this.dataSource.transaction((manager) => this.rotate(manager, stored.id, session.id, client));
    if (outcome.kind === 'reused') return this.reuseDetected(session.id);
    if (outcome.kind === 'refused') throw refused(outcome.reason);
    return this.issue(principal, session.id, outcome.refreshToken);
  }

  /** Revokes one session (logout). Returns false when it was unknown or already revoked. */
  async revoke(sessionId: string, reason = 'logout'): Promise<boolean> {
    const result = await this.dataSource
      .createQueryBuilder()
      .update(AuthSession)
      .set({ revokedAt: () => 'now()', revokedReason: reason })
      .where('id = :id AND revoked_at IS NULL', { id: sessionId })
      .execute();
    await this.revocations.revoke([sessionId]);
    return (result.affected ?? 0) > 0;
  }

  /** Revokes the session a refresh token belongs to (logout with the refresh token). */
  async revokeByRefreshToken(refreshToken: string, reason = 'logout'): Promise<boolean> {
    const stored = await this.dataSource.getRepository(RefreshToken).findOne({ where: { tokenHash: hashToken(refreshToken) } });
    return stored ? this.revoke(stored.sessionId, reason) : false;
  }

  /** Revokes every active session of an account (password change, account disabled). */
  async revokeAll(kind: Principal['kind'], subjectId: string, reason: string, exceptSessionId?: string): Promise<number> {
    const active = await this.activeSessions(kind, subjectId);
    const ids = active.map((session) => session.id).filter((id) => id !== exceptSessionId);
    for (const id of ids) await this.revoke(id, reason);
    return ids.length;
  }

  /** The account's active sessions, most recently used first. */
  async list(kind: Principal['kind'], subjectId: string): Promise<SessionInfo[]> {
    const active = await this.activeSessions(kind, subjectId);
    return active.map(({ id, createdAt, lastUsedAt, expiresAt, ip, userAgent }) => ({ id, createdAt, lastUsedAt, expiresAt, ip, userAgent }));
  }

  /** Revokes one of the account's own sessions; `NOT_FOUND` when it is not theirs or not active. */
  async revokeOwn(kind: Principal['kind'], subjectId: string, sessionId: string): Promise<void> {
    const owned = (await this.activeSessions(kind, subjectId)).some((session) => session.id === sessionId);
    if (!owned) throw new TesseraError('NOT_FOUND', `Session ${sessionId} is not an active session of this account; list them with GET me/sessions.`);
    await this.revoke(sessionId, 'revoked_by_owner');
  }

  /** Deletes sessions expired or revoked more than `graceSeconds` ago (with their tokens). */
  async purge(graceSeconds = 86_400): Promise<number> {
    const before = new Date(Date.now() - graceSeconds * 1000);
    const repository = this.dataSource.getRepository(AuthSession);
    const expired = await repository.delete({ expiresAt: LessThan(before) });
    const revoked = await repository.delete({ revokedAt: LessThan(before) });
    return (expired.affected ?? 0) + (revoked.affected ?? 0);
  }

  private async rotate(manager: EntityManager, tokenId: string, sessionId: string, client: SessionClientInfo): Promise<RotationOutcome> {
    // The row lock makes two concurrent refreshes with one token see each other: the second is reuse.
    const token = await manager.findOne(RefreshToken, { where: { id: tokenId }, lock: { mode: 'pessimistic_write' } });
    if (!token) return { kind: 'refused', reason: 'it is unknown' };
    if (token.usedAt) return { kind: 'reused' };
    const session = await manager.findOne(AuthSession, { where: { id: sessionId } });
    if (!session || session.revokedAt) return { kind: 'refused', reason: 'its session was logged out or revoked' };

    await manager.update(RefreshToken, { id: tokenId }, { usedAt: new Date() });
    const next = newRefreshToken();
    await this.storeRefreshToken(manager, sessionId, next);
    await manager.update(
      AuthSession,
      { id: sessionId },
      {
        lastUsedAt: new Date(),
        expiresAt: this.refreshExpiry(),
        ...(client.ip ? { ip: client.ip.slice(0, 64) } : {}),
        ...(client.userAgent ? { userAgent: client.userAgent.slice(0, 512) } : {}),
      },
    );
    return { kind: 'rotated', refreshToken: next };
  }

  private async reuseDetected(sessionId: string): Promise<never> {
    await this.revoke(sessionId, 'refresh_token_reuse');
    throw refused('it was already used, so its session has been revoked as a precaution');
  }

  private async storeRefreshToken(manager: EntityManager, sessionId: string, token: string): Promise<void> {
    await manager.insert(RefreshToken, { sessionId, tokenHash: hashToken(token), expiresAt: this.refreshExpiry() });
  }

  private activeSessions(kind: Principal['kind'], subjectId: string): Promise<AuthSession[]> {
    return this.dataSource.getRepository(AuthSession).find({
      where: { subjectKind: kind, subjectId, revokedAt: IsNull(), expiresAt: MoreThan(new Date()) },
      order: { lastUsedAt: 'DESC' },
    });
  }

  private issue(principal: Principal, sessionId: string, refreshToken: string): IssuedTokens {
    const access = this.tokens.signAccessToken(principal, sessionId);
    return {
      accessToken: access.token,
      refreshToken,
      tokenType: 'Bearer',
      expiresIn: access.expiresIn,
      refreshExpiresIn: this.options.refreshTtlSeconds,
      sessionId,
    };
  }

  private refreshExpiry(): Date {
    return new Date(Date.now() + this.options.refreshTtlSeconds * 1000);
  }
}

function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

function refused(reason: string): TesseraError {
  return new TesseraError('UNAUTHORIZED', `The refresh token was refused: ${reason}. Log in again.`);
}
