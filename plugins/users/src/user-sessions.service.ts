import { Injectable } from '@nestjs/common';
import { SessionService, TokenService, type IssuedTokens, type SessionClientInfo } from '@tessera/auth';
import { TesseraError, type Principal } from '@tessera/sdk';
import { assertEndUser } from './user-access.js';
import { UserCredentials } from './user-credentials.service.js';
import { UserEvents } from './user-events.service.js';
import { UserStore } from './user-store.service.js';
import { principalOf, type UserView } from './user-view.js';
import { UsersService } from './users.service.js';

/** What POST /login and POST /refresh answer (inside the success envelope). */
export interface TokenAnswer {
  access_token: string;
  refresh_token: string;
  token_type: 'bearer';
  /** Seconds the access token lives (the host's access token lifetime). */
  expires_in: number;
  /** Seconds the refresh token lives if unused. */
  refresh_expires_in: number;
}

/**
 * End users' sessions on the host's SessionService (`kind: 'user'`): login opens one, each
 * refresh rotates its refresh token (a reused one revokes the session), logout ends it.
 * The tokens carry the user's permissions, derived from is_admin at login and at each refresh.
 */
@Injectable()
export class UserSessions {
  constructor(
    private readonly credentials: UserCredentials,
    private readonly sessions: SessionService,
    private readonly tokens: TokenService,
    private readonly store: UserStore,
    private readonly users: UsersService,
    private readonly events: UserEvents,
  ) {}

  async login(login: string, password: string, client: SessionClientInfo): Promise<TokenAnswer> {
    const account = await this.credentials.check(login, password, client.ip);
    const issued = await this.sessions.start(principalOf(account), client);
    await this.events.login({
      user_id: account.id,
      username: account.username,
      email: account.email,
      session_id: issued.sessionId,
      ip: client.ip ?? null,
      user_agent: client.userAgent ?? null,
    });
    return tokenAnswer(issued);
  }

  async refresh(refreshToken: string, client: SessionClientInfo): Promise<TokenAnswer> {
    return tokenAnswer(await this.sessions.refresh(refreshToken, { kind: 'user', resolve: (id) => this.currentPrincipal(id) }, client));
  }

  /** Ends the session of the access token used, and the one of `refreshToken` when given. */
  async logout(principal: Principal, refreshToken?: string): Promise<void> {
    assertEndUser(principal, 'POST /logout');
    const sessionId = principal.claims?.sid;
    if (typeof sessionId === 'string') await this.sessions.revoke(sessionId, 'logout');
    if (refreshToken) await this.sessions.revokeByRefreshToken(refreshToken, 'logout');
    const user = await this.users.get(principal.id);
    if (user && typeof sessionId === 'string') {
      await this.events.logout({ user_id: user.id, username: user.username, email: user.email, session_id: sessionId });
    }
  }

  /** The user behind the principal of a request (GET /me). */
  async me(principal: Principal): Promise<UserView> {
    assertEndUser(principal, 'GET /me');
    const user = await this.users.get(principal.id);
    if (!user?.is_active) throw new TesseraError('UNAUTHORIZED', 'This account no longer exists or is disabled. Log in again.');
    return user;
  }

  /**
   * The active user an access token belongs to, for other plugins (`verify_token`): the
   * signature, expiry, audience and algorithm are checked, then that the token is a user's
   * and its session is still open (logout and revocation apply at once, as on HTTP).
   *
   * @throws TesseraError UNAUTHORIZED with the reason
   */
  async verify(token: string): Promise<UserView> {
    const claims = this.tokens.verifyAccessToken(token);
    if (claims.kind !== 'user') throw refused('it belongs to an admin account, not to a user');
    const open = await this.sessions.list('user', claims.sub);
    if (!open.some((session) => session.id === claims.sid)) throw refused('its session was logged out or revoked');
    const user = await this.users.get(claims.sub);
    if (!user?.is_active) throw refused('the account no longer exists or is disabled');
    return user;
  }

  /** Fresh permissions at each refresh; null (the session is revoked) once the account is gone or disabled. */
  private async currentPrincipal(id: string): Promise<Principal | null> {
    const account = await this.store.findById(id);
    return account?.isActive ? principalOf(account) : null;
  }
}

function tokenAnswer(issued: IssuedTokens): TokenAnswer {
  return {
    access_token: issued.accessToken,
    refresh_token: issued.refreshToken,
    token_type: 'bearer',
    expires_in: issued.expiresIn,
    refresh_expires_in: issued.refreshExpiresIn,
  };
}

function refused(reason: string): TesseraError {
  return new TesseraError('UNAUTHORIZED', `The token was refused: ${reason}.`);
}
