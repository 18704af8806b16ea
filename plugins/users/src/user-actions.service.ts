import { Injectable } from '@nestjs/common';
import { Action, ActionError } from '@tessera/sdk';
import { asAction, validatePayload } from './action-payload.js';
import { GetUserPayload, VerifyTokenPayload } from './dto/action-payloads.dto.js';
import { ListUsersQuery } from './dto/list-users.dto.js';
import { RegisterDto } from './dto/register.dto.js';
import { LoginDto } from './dto/session.dto.js';
import { UserCredentials } from './user-credentials.service.js';
import { UserSessions } from './user-sessions.service.js';
import { UserStore } from './user-store.service.js';
import { toUserView, type UserPage, type UserView } from './user-view.js';
import { ACTION_ERRORS } from './users.constants.js';
import { UsersService } from './users.service.js';

/**
 * What other plugins call with `ctx.plugins.call('users', <action>, payload)` (their manifest
 * needs `{ resource: "plugin.users", actions: [call] }`). Answers are `{ ok: true, data }` or
 * `{ ok: false, error: { code, message } }` with the codes of {@link ACTION_ERRORS}; an
 * unknown action name is answered by the kernel with ACTION_NOT_FOUND.
 */
@Injectable()
export class UserActions {
  constructor(
    private readonly users: UsersService,
    private readonly store: UserStore,
    private readonly credentials: UserCredentials,
    private readonly sessions: UserSessions,
  ) {}

  /** `{ username, email, password, full_name? }` → the new user (emits user_registered). */
  @Action('create')
  async create(payload: unknown): Promise<UserView> {
    const body = await validatePayload(RegisterDto, payload);
    return asAction(() => this.users.register(body));
  }

  /** `{ id }`, `{ username }` or `{ email }` → the user, or `not_found`. */
  @Action('get')
  async get(payload: unknown): Promise<UserView> {
    const query = await validatePayload(GetUserPayload, payload);
    const given = (['id', 'username', 'email'] as const).filter((key) => query[key] !== undefined);
    if (given.length !== 1) {
      throw new ActionError(ACTION_ERRORS.validation, `Invalid payload: give exactly one of id, username, email (got ${given.length ? given.join(', ') : 'none'}).`);
    }
    const [key] = given;
    const user = key === 'id' ? await this.users.get(query.id!) : await this.byName(key, query[key]!);
    if (!user) throw new ActionError(ACTION_ERRORS.notFound, `No user has ${key} "${query[key]}".`);
    return user;
  }

  /** `{ page?, page_size?, search? }` → `{ items, total, page, page_size, pages }`. */
  @Action('list')
  async list(payload: unknown): Promise<UserPage> {
    const query = await validatePayload(ListUsersQuery, payload);
    return asAction(() => this.users.list(query));
  }

  /** `{ username, password }` (username or email) → the user, or `auth_failed`; throttled like HTTP logins. */
  @Action('authenticate')
  async authenticate(payload: unknown): Promise<UserView> {
    const body = await validatePayload(LoginDto, payload);
    return asAction(async () => toUserView(await this.credentials.check(body.username, body.password)));
  }

  /** `{ token }` (an access token from POST /login) → its user, or `auth_failed`. */
  @Action('verify_token')
  async verifyToken(payload: unknown): Promise<UserView> {
    const body = await validatePayload(VerifyTokenPayload, payload);
    return asAction(() => this.sessions.verify(body.token));
  }

  private async byName(key: 'username' | 'email', value: string): Promise<UserView | null> {
    const account = key === 'username' ? await this.store.findByUsername(value) : await this.store.findByEmail(value);
    return account ? toUserView(account) : null;
  }
}
