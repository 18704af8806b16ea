import { RequestMethod, type HttpServer, type PipeTransform, type Type } from '@nestjs/common';
import {
  CUSTOM_ROUTE_ARGS_METADATA,
  EXCEPTION_FILTERS_METADATA,
  GUARDS_METADATA,
  HEADERS_METADATA,
  HTTP_CODE_METADATA,
  INTERCEPTORS_METADATA,
  PIPES_METADATA,
  REDIRECT_METADATA,
  RENDER_METADATA,
  ROUTE_ARGS_METADATA,
  SSE_METADATA,
  VERSION_METADATA,
} from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { PipesConsumer } from '@nestjs/core/pipes/pipes-consumer.js';
import { RouteParamsFactory } from '@nestjs/core/router/route-params-factory.js';
import { RouterResponseController } from '@nestjs/core/router/router-response-controller.js';
import { isStreamingBody } from '@nestjs/core/router/streaming-body.js';
import type { Authenticator, EndpointOptions } from '@tessera/sdk';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isObservable, lastValueFrom } from 'rxjs';
import { checkEndpointAccess, type AccessRequest } from '../guards/endpoint-access.js';
import { isThenable } from '../is-thenable.js';
import { HttpExecutionContext } from './http-execution-context.js';

/** One `@Endpoint` method of a plugin controller, with the instance it runs on. */
export interface EndpointTarget {
  instance: object;
  controller: Type;
  methodName: string;
  method: (...args: unknown[]) => unknown;
  options: EndpointOptions;
  requestMethod: RequestMethod;
}

export interface DirectEndpointSettings {
  plugin: string;
  authenticator: () => Authenticator | undefined;
  /** The unit's global pipes (the validation pipe), applied as Nest would. */
  pipes: PipeTransform[];
  /** The unit's HTTP adapter: results are sent through it, as Nest's router sends them. */
  adapter: HttpServer;
}

export type DirectHandler = (request: FastifyRequest, reply: FastifyReply) => unknown;

// The parameter decorators a direct endpoint resolves; any other (@Res, @Next, @Session,
// @UploadedFile, ...) hands the whole response to the handler or needs a Nest feature, so
// such a method stays on Nest's router.
const DIRECT_PARAM_TYPES = new Set<number>([RouteParamtypes.REQUEST, RouteParamtypes.BODY, RouteParamtypes.QUERY, RouteParamtypes.PARAM, RouteParamtypes.HEADERS, RouteParamtypes.IP]);
const PIPEABLE_PARAM_TYPES = new Set<number>([RouteParamtypes.BODY, RouteParamtypes.QUERY, RouteParamtypes.PARAM]);
// Method or controller metadata that asks for Nest's pipeline (enhancers, rendering,
// redirects, server-sent events, versioned routing).
const NEST_ONLY_METADATA: Record<string, string> = {
  [GUARDS_METADATA]: '@UseGuards',
  [INTERCEPTORS_METADATA]: '@UseInterceptors',
  [PIPES_METADATA]: '@UsePipes',
  [EXCEPTION_FILTERS_METADATA]: '@UseFilters',
  [REDIRECT_METADATA]: '@Redirect',
  [RENDER_METADATA]: '@Render',
  [SSE_METADATA]: '@Sse',
  [VERSION_METADATA]: '@Version',
};

interface RouteArgument {
  index: number;
  data?: unknown;
  pipes?: unknown[];
  factory?: (data: unknown, context: HttpExecutionContext) => unknown;
  schema?: unknown;
}

interface ParamPlan {
  index: number;
  extract: (request: FastifyRequest, reply: FastifyReply) => unknown;
  pipes: PipeTransform[];
  metadata: { metatype: unknown; type: number | string; data: unknown; schema?: unknown };
}

const params = new RouteParamsFactory();
const NO_NEXT = (): undefined => undefined;
const pipesConsumer = new PipesConsumer();

/**
 * Why this endpoint must be served by Nest's router, or undefined when the kernel can
 * serve it directly: a method (or its controller) with its own guards, interceptors,
 * pipes or filters, a redirect, a template, SSE, a version, a `@Res()` or `@Next()`
 * parameter, or a parameter pipe given as a class (Nest builds those through its injector).
 */
export function directEndpointObstacle(target: EndpointTarget): string | undefined {
  for (const [key, decorator] of Object.entries(NEST_ONLY_METADATA)) {
    if (isSet(Reflect.getMetadata(key, target.method)) || isSet(Reflect.getMetadata(key, target.controller))) return `${decorator} on the method or its controller`;
  }
  for (const [key, argument] of Object.entries(routeArguments(target))) {
    const type = Number(key.split(':')[0]);
    if (!key.includes(CUSTOM_ROUTE_ARGS_METADATA) && !DIRECT_PARAM_TYPES.has(type)) return `a ${RouteParamtypes[type] ?? key} parameter (${argument.index})`;
    if ((argument.pipes ?? []).some((pipe) => typeof pipe === 'function')) return `a pipe class on parameter ${argument.index}`;
  }
  return undefined;
}

/**
 * A Fastify route handler that serves one `@Endpoint` method the way Nest's router would
 * (access check, parameters and pipes, status code, headers, envelope errors through the
 * unit's exception filter) without Nest's per-request pipeline: a synchronous handler is
 * answered without a single promise. Only for targets without an obstacle.
 *
 * @example
 * if (!directEndpointObstacle(target)) routeOptions.handler = compileDirectEndpoint(target, settings);
 */
export function compileDirectEndpoint(target: EndpointTarget, settings: DirectEndpointSettings): DirectHandler {
  const { instance, method, options } = target;
  const plans = planParams(target, settings.pipes);
  const argumentCount = Math.max(method.length, ...plans.map((plan) => plan.index + 1));
  const status = (Reflect.getMetadata(HTTP_CODE_METADATA, method) as number | undefined) ?? (target.requestMethod === RequestMethod.POST ? 201 : 200);
  const headers = (Reflect.getMetadata(HEADERS_METADATA, method) as Array<{ name: string; value: string | (() => string) }> | undefined) ?? [];
  const needsPipes = plans.some((plan) => plan.pipes.length > 0);
  const { adapter } = settings;
  const responses = new RouterResponseController(adapter);

  // The adapter's reply() is the one Nest's router ends with (StreamableFile headers, HEAD);
  // a streaming body (async iterable, ReadableStream, web Response) goes the router's way too.
  const answer = (request: FastifyRequest, reply: FastifyReply, result: unknown): unknown => {
    if (isThenable(result)) return result.then((value) => answer(request, reply, value));
    if (isObservable(result)) return lastValueFrom(result).then((value) => answer(request, reply, value));
    if (isStreamingBody(result)) return responses.stream(result, reply, request, { statusCode: status });
    return adapter.reply(reply, result, status);
  };

  const run = (request: FastifyRequest, reply: FastifyReply): unknown => {
    // As Nest's router: status and headers are set before the pipes and the method run, so an
    // error answer (a refused body, a thrown error) carries the method's headers too.
    if (status !== 200) reply.code(status);
    for (const header of headers) reply.header(header.name, typeof header.value === 'function' ? header.value() : header.value);
    if (plans.length === 0) return answer(request, reply, method.call(instance));
    const args: unknown[] = new Array(argumentCount);
    if (!needsPipes) {
      for (const plan of plans) args[plan.index] = plan.extract(request, reply);
      return answer(request, reply, method.apply(instance, args));
    }
    return Promise.all(plans.map((plan) => pipesConsumer.apply(plan.extract(request, reply), plan.metadata as never, plan.pipes))).then((values) => {
      plans.forEach((plan, i) => (args[plan.index] = values[i]));
      return answer(request, reply, method.apply(instance, args));
    });
  };

  return function directEndpoint(request, reply) {
    const access = checkEndpointAccess(request as unknown as AccessRequest, options, settings.plugin, settings.authenticator);
    return access ? access.then(() => run(request, reply)) : run(request, reply);
  };
}

function planParams(target: EndpointTarget, globalPipes: PipeTransform[]): ParamPlan[] {
  const paramTypes = (Reflect.getMetadata('design:paramtypes', target.instance, target.methodName) as unknown[] | undefined) ?? [];
  return Object.entries(routeArguments(target)).map(([key, argument]) => {
    const custom = key.includes(CUSTOM_ROUTE_ARGS_METADATA);
    const type = custom ? key.split(':')[0] : Number(key.split(':')[0]);
    const pipeable = custom || PIPEABLE_PARAM_TYPES.has(type as number);
    const extract = custom
      ? (request: FastifyRequest, reply: FastifyReply) => argument.factory!(argument.data, new HttpExecutionContext(request, reply, target.controller, target.method))
      : (request: FastifyRequest) => params.exchangeKeyForValue(type as number, argument.data as string, { req: request, res: undefined, next: NO_NEXT });
    return {
      index: argument.index,
      extract,
      pipes: pipeable ? [...globalPipes, ...((argument.pipes ?? []) as PipeTransform[])] : [],
      metadata: { metatype: paramTypes[argument.index], type, data: argument.data, schema: argument.schema },
    };
  });
}

function routeArguments(target: EndpointTarget): Record<string, RouteArgument> {
  return (Reflect.getMetadata(ROUTE_ARGS_METADATA, target.controller, target.methodName) as Record<string, RouteArgument> | undefined) ?? {};
}

// Nest's decorators define some keys even when unused (@Controller() sets an undefined version).
function isSet(value: unknown): boolean {
  return value !== undefined && !(Array.isArray(value) && value.length === 0);
}
