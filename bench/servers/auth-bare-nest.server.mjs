// Contenders (2) and (3) of bench/auth-http.mjs: the bench-secure handler in a bare Nest
// controller on Fastify. Without BENCH_GUARD it has no auth at all (2). With
// BENCH_GUARD=naive-jwt it has the guard people usually write (3), as in the NestJS
// authentication recipe: `JwtModule.register({ secret: '<string>' })`, `verifyAsync` on the
// bearer token in a CanActivate guard, then the permission the handler asks for, checked
// with the same `hasPermission` as Tessera. Then it prints `READY <url> <token>`, a token with
// the same claims as the Tessera contender's. Plain JavaScript, so the decorators are
// applied by hand exactly as TypeScript's emitted `__decorate` would.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Controller, ForbiddenException, Get, Inject, Injectable, Module, SetMetadata, UnauthorizedException, UseGuards } from '@nestjs/common';
import { NestFactory, Reflector } from '@nestjs/core';
import { JwtModule, JwtService } from '@nestjs/jwt';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { hasPermission } from '@tessera/sdk';
import { BENCH_JWT_SECRET, SECURE_PERMISSION } from './auth-bench.constants.mjs';
import { ECHO_BODY, serveUntilStopped } from './serve-until-stopped.mjs';

const naive = process.env.BENCH_GUARD === 'naive-jwt';
const PERMISSION_KEY = 'permission';

class NaiveJwtGuard {
  constructor(jwt, reflector) {
    this.jwt = jwt;
    this.reflector = reflector;
  }

  async canActivate(context) {
    const request = context.switchToHttp().getRequest();
    const [type, token] = request.headers.authorization?.split(' ') ?? [];
    if (type !== 'Bearer' || !token) throw new UnauthorizedException();
    try {
      request.user = await this.jwt.verifyAsync(token);
    } catch {
      throw new UnauthorizedException();
    }
    const permission = this.reflector.get(PERMISSION_KEY, context.getHandler());
    if (permission && !hasPermission({ permissions: request.user.perms ?? [] }, permission)) throw new ForbiddenException();
    return true;
  }
}
Inject(JwtService)(NaiveJwtGuard, undefined, 0);
Inject(Reflector)(NaiveJwtGuard, undefined, 1);
Injectable()(NaiveJwtGuard);

class EchoController {
  echo() {
    return ECHO_BODY;
  }
}
const echo = () => Object.getOwnPropertyDescriptor(EchoController.prototype, 'echo');
if (naive) {
  SetMetadata(PERMISSION_KEY, SECURE_PERMISSION)(EchoController.prototype, 'echo', echo());
  UseGuards(NaiveJwtGuard)(EchoController.prototype, 'echo', echo());
}
Get('/echo')(EchoController.prototype, 'echo', echo());
Controller()(EchoController);

class EchoModule {}
Module({ imports: naive ? [JwtModule.register({ secret: BENCH_JWT_SECRET })] : [], controllers: [EchoController] })(EchoModule);

const app = await NestFactory.create(EchoModule, new FastifyAdapter(), { logger: false });
app.setGlobalPrefix('plugins/bench-secure');
await app.listen(0, '127.0.0.1');
// The claims of Tessera's access tokens, so both authenticated contenders parse the same amount.
const token = naive
  ? app.get(JwtService).sign(
      { typ: 'access', kind: 'user', sid: randomUUID(), roles: [], perms: [SECURE_PERMISSION] },
      { subject: randomUUID(), audience: 'tessera-api', issuer: 'tessera', jwtid: randomUUID(), expiresIn: 900 },
    )
  : '';
serveUntilStopped(`${await app.getUrl()} ${token}`.trim(), () => app.close());
