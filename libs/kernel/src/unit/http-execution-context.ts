import type { ExecutionContext, Type } from '@nestjs/common';
import type { HttpArgumentsHost } from '@nestjs/common/interfaces/features/arguments-host.interface.js';

/**
 * The ExecutionContext a custom parameter decorator (`createParamDecorator`) receives when
 * a direct endpoint resolves its arguments: the same answers Nest's own context gives for
 * an HTTP request (request, reply, class, handler, type `http`).
 */
export class HttpExecutionContext implements ExecutionContext, HttpArgumentsHost {
  constructor(
    private readonly request: unknown,
    private readonly reply: unknown,
    private readonly controller: Type,
    private readonly handler: Function,
  ) {}

  getClass<T = unknown>(): Type<T> {
    return this.controller as Type<T>;
  }

  getHandler(): Function {
    return this.handler;
  }

  getArgs<T extends unknown[] = unknown[]>(): T {
    return [this.request, this.reply, undefined] as T;
  }

  getArgByIndex<T = unknown>(index: number): T {
    return this.getArgs()[index] as T;
  }

  getType<T extends string = string>(): T {
    return 'http' as T;
  }

  switchToHttp(): HttpArgumentsHost {
    return this;
  }

  switchToRpc(): never {
    throw new Error('A plugin endpoint runs in an HTTP context, not RPC.');
  }

  switchToWs(): never {
    throw new Error('A plugin endpoint runs in an HTTP context, not WebSocket.');
  }

  getRequest<T = unknown>(): T {
    return this.request as T;
  }

  getResponse<T = unknown>(): T {
    return this.reply as T;
  }

  getNext<T = unknown>(): T {
    return undefined as T;
  }
}
