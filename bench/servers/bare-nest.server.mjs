// Contender B: the same handler in a bare Nest controller on Fastify (no Tessera: no
// guards, interceptors, filters, pipes or hooks). Plain JavaScript, so the decorators are
// applied by hand exactly as TypeScript's emitted `__decorate` would.
import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { ECHO_BODY, serveUntilStopped } from './serve-until-stopped.mjs';

class EchoController {
  echo() {
    return ECHO_BODY;
  }
}
Get('/echo')(EchoController.prototype, 'echo', Object.getOwnPropertyDescriptor(EchoController.prototype, 'echo'));
Controller()(EchoController);

class EchoModule {}
Module({ controllers: [EchoController] })(EchoModule);

const app = await NestFactory.create(EchoModule, new FastifyAdapter(), { logger: false });
app.setGlobalPrefix('plugins/bench-echo');
await app.listen(0, '127.0.0.1');
serveUntilStopped(await app.getUrl(), () => app.close());
