import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Catch, Controller, Get, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTHENTICATOR, isTesseraError, type Principal } from '@tessera/sdk';
import { AUTH_OPTIONS, SIGNING_KEYS } from '../auth.constants.js';
import { resolveAuthOptions } from '../auth-options.js';
import { CurrentUser } from '../decorators/current-user.decorator.js';
import { Public } from '../decorators/public.decorator.js';
import { RequirePermission } from '../decorators/require-permission.decorator.js';
import { Roles } from '../decorators/roles.decorator.js';
import { loadSigningKeys } from '../keys/signing-keys.js';
import { RevocationService } from '../sessions/revocation.service.js';
import { TokenService } from '../tokens/token.service.js';
import { AuthMetadataAccessor } from './auth-metadata.accessor.js';
import { AuthGuard } from './auth.guard.js';
import { JwtAuthenticator } from './jwt-authenticator.service.js';

@Controller('t')
class ProbeController {
  @Public() @Get('open') open() {
    return { open: true };
  }
  @Get('me') me(@CurrentUser() principal: Principal, @CurrentUser('id') id: string) {
    return { kind: principal.kind, id };
  }
  @RequirePermission('plugins.read') @Get('plugins') plugins() {
    return { plugins: [] };
  }
  @Roles('super_admin') @Get('root') root() {
    return { root: true };
  }
}

@Catch()
class EnvelopeFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost) {
    const reply = host.switchToHttp().getResponse();
    if (isTesseraError(error)) reply.status(error.status).send({ success: false, error: error.toBody() });
    else reply.status(500).send({ success: false, error: { code: 'INTERNAL_ERROR', message: String(error) } });
  }
}

describe('AuthGuard on a Fastify app', () => {
  let app: NestFastifyApplication;
  let tokens: TokenService;
  let revocations: RevocationService;
  const token = (permissions: string[], roles: string[] = [], sid = randomUUID()) =>
    tokens.signAccessToken({ id: randomUUID(), kind: 'admin', roles, permissions }, sid).token;

  beforeAll(async () => {
    const options = resolveAuthOptions({ dataDir: '.', jwtSecret: 'guard-test-secret-guard-test-secret-42' });
    const moduleRef = await Test.createTestingModule({
      controllers: [ProbeController],
      providers: [
        { provide: AUTH_OPTIONS, useValue: options },
        { provide: SIGNING_KEYS, useValue: loadSigningKeys(options) },
        TokenService,
        RevocationService,
        AuthMetadataAccessor,
        JwtAuthenticator,
        { provide: AUTHENTICATOR, useExisting: JwtAuthenticator },
        AuthGuard,
        { provide: APP_GUARD, useExisting: AuthGuard },
        { provide: APP_FILTER, useClass: EnvelopeFilter },
      ],
    }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter());
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    tokens = app.get(TokenService);
    revocations = app.get(RevocationService);
  });
  afterAll(() => app.close());

  it('lets a @Public route through without a token', async () => {
    await request(app.getHttpServer()).get('/t/open').expect(200, { open: true });
  });

  it('answers 401 UNAUTHORIZED without a token, with a malformed header, or with a bad token', async () => {
    const missing = await request(app.getHttpServer()).get('/t/me').expect(401);
    expect(missing.body).toMatchObject({ success: false, error: { code: 'UNAUTHORIZED' } });
    await request(app.getHttpServer()).get('/t/me').set('Authorization', 'Basic abc').expect(401);
    await request(app.getHttpServer()).get('/t/me').set('Authorization', 'Bearer not.a.jwt').expect(401);
  });

  it('gives the route the principal through @CurrentUser', async () => {
    const response = await request(app.getHttpServer()).get('/t/me').set('Authorization', `Bearer ${token([])}`).expect(200);
    expect(response.body).toMatchObject({ kind: 'admin', id: expect.any(String) });
  });

  it('answers 403 FORBIDDEN without the permission, and lets exact, wildcard and * holders in', async () => {
    const denied = await request(app.getHttpServer()).get('/t/plugins').set('Authorization', `Bearer ${token(['users.read'])}`).expect(403);
    expect(denied.body.error).toMatchObject({ code: 'FORBIDDEN', details: { missing_permissions: ['plugins.read'] } });
    for (const held of [['plugins.read'], ['plugins.*'], ['*']]) {
      await request(app.getHttpServer()).get('/t/plugins').set('Authorization', `Bearer ${token(held)}`).expect(200);
    }
  });

  it('checks @Roles', async () => {
    await request(app.getHttpServer()).get('/t/root').set('Authorization', `Bearer ${token(['*'], ['viewer'])}`).expect(403);
    await request(app.getHttpServer()).get('/t/root').set('Authorization', `Bearer ${token([], ['super_admin'])}`).expect(200);
  });

  it('refuses a token whose session was revoked, even though it was verified (and cached) before', async () => {
    const sid = randomUUID();
    const bearer = `Bearer ${token([], [], sid)}`;
    await request(app.getHttpServer()).get('/t/me').set('Authorization', bearer).expect(200);
    await revocations.revoke([sid]);
    const refused = await request(app.getHttpServer()).get('/t/me').set('Authorization', bearer).expect(401);
    expect(refused.body.error.message).toMatch(/logged out or revoked/);
  });
});
