import { Body, Controller, Headers, HttpCode, Ip, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Endpoint, ok, PluginContext, TesseraError, type Principal } from '@tessera/sdk';
import { ListUsersQuery } from './dto/list-users.dto.js';
import { RegisterDto } from './dto/register.dto.js';
import { LoginDto, LogoutDto, RefreshDto } from './dto/session.dto.js';
import { UpdateUserDto } from './dto/update-user.dto.js';
import { UserSessions } from './user-sessions.service.js';
import { USERS_READ } from './users.constants.js';
import { UsersService } from './users.service.js';
import { uuidParam } from './uuid-param.pipe.js';

/** Everything under /plugins/users/users. Answers use the envelope `{ success, data | error }`. */
@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(
    private readonly ctx: PluginContext,
    private readonly users: UsersService,
    private readonly sessions: UserSessions,
  ) {}

  @Endpoint('POST', '/register', { public: true, summary: 'Create an account (201); duplicate username or email: 400 VALIDATION_ERROR' })
  async register(@Body() body: RegisterDto) {
    if (!this.ctx.config.get<boolean>('allow_registration')) {
      throw new TesseraError('FORBIDDEN', 'Registration is closed on this server (users config allow_registration is false). Ask an administrator for an account.');
    }
    return ok(await this.users.register(body));
  }

  @Endpoint('POST', '/login', { public: true, summary: 'Log in with username or email and password; answers access and refresh tokens' })
  @HttpCode(200)
  async login(@Body() body: LoginDto, @Ip() ip: string, @Headers('user-agent') userAgent?: string) {
    return ok(await this.sessions.login(body.username, body.password, { ip, userAgent }));
  }

  @Endpoint('POST', '/refresh', { public: true, summary: 'Trade a refresh token for a new pair; a reused refresh token ends its session' })
  @HttpCode(200)
  async refresh(@Body() body: RefreshDto, @Ip() ip: string, @Headers('user-agent') userAgent?: string) {
    return ok(await this.sessions.refresh(body.refresh_token, { ip, userAgent }));
  }

  @Endpoint('POST', '/logout', { summary: 'End the current session: its access and refresh tokens stop working' })
  @ApiBearerAuth()
  @HttpCode(200)
  async logout(@CurrentPrincipal() principal: Principal, @Body() body: LogoutDto) {
    await this.sessions.logout(principal, body?.refresh_token);
    return ok({ logged_out: true });
  }

  @Endpoint('GET', '/me', { summary: 'The user of the access token' })
  @ApiBearerAuth()
  async me(@CurrentPrincipal() principal: Principal) {
    return ok(await this.sessions.me(principal));
  }

  @Endpoint('GET', '/', { permission: USERS_READ, summary: 'Users, newest first, paginated; search matches username or email' })
  @ApiBearerAuth()
  async list(@Query() query: ListUsersQuery) {
    return ok(await this.users.list(query));
  }

  @Endpoint('GET', '/:id', { summary: 'One user: yourself, or anyone with users.read' })
  @ApiBearerAuth()
  async get(@CurrentPrincipal() principal: Principal, @Param('id', uuidParam()) id: string) {
    return ok(await this.users.getFor(principal, id));
  }

  @Endpoint('PUT', '/:id', { summary: 'Change a user: yourself or an admin; is_active and is_admin need users.manage' })
  @ApiBearerAuth()
  async update(@CurrentPrincipal() principal: Principal, @Param('id', uuidParam()) id: string, @Body() body: UpdateUserDto) {
    return ok(await this.users.update(principal, id, body));
  }

  @Endpoint('DELETE', '/:id', { summary: 'Delete a user (204): yourself or an admin' })
  @ApiBearerAuth()
  @HttpCode(204)
  async delete(@CurrentPrincipal() principal: Principal, @Param('id', uuidParam()) id: string): Promise<void> {
    await this.users.delete(principal, id);
  }
}
