import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CacheService } from './cache.service.js';
import { createCacheService } from './cache-service.factory.js';

// These tests stop and freeze Redis, so they run a private redis-server on a free port: the shared
// one at REDIS_URL belongs to every other engineer and test run.

/** A redis-server child process on a fixed port, restartable on that same port. */
class PrivateRedis {
  private process: ChildProcess | undefined;

  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.process = child;
    let output = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`redis-server exited with ${code} before it was ready:\n${output}`)));
    });
  }

  async kill(): Promise<void> {
    await this.signal('SIGKILL', true);
  }

  async freeze(): Promise<void> {
    await this.signal('SIGSTOP', false);
  }

  async thaw(): Promise<void> {
    await this.signal('SIGCONT', false);
  }

  private async signal(signal: NodeJS.Signals, waitForExit: boolean): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill(signal);
    if (waitForExit) await exited;
  }
}

function requireRedisServer(): void {
  const probe = spawnSync('redis-server', ['--version']);
  if (probe.error) {
    throw new Error(
      'redis-server is not on PATH. The Redis outage tests start a private redis-server they can kill (never the shared one): install it (e.g. `apt-get install redis-server`) and run the tests again.',
    );
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/** Fails the test with a clear message if a cache call never settles (what a dead Redis must not cause). */
async function settles<T>(call: Promise<T>): Promise<T> {
  const hang = sleep(5_000).then(() => {
    throw new Error('A cache call did not settle: the unavailable Redis made it hang.');
  });
  return Promise.race([call, hang]);
}

async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (await condition()) return;
    await sleep(100);
  }
  throw new Error(`Gave up waiting until ${what}.`);
}

async function expectBypassed(cache: CacheService): Promise<void> {
  expect(await settles(cache.get('k'))).toBeUndefined();
  await expect(settles(cache.set('k', 'while down'))).resolves.toBeUndefined();
  await expect(settles(cache.del('k'))).resolves.toBeUndefined();
  expect(await settles(cache.exists('k'))).toBe(false);
  expect(await settles(cache.deleteByPattern('*'))).toBe(0);
  expect(await settles(cache.namespace('users').get('k'))).toBeUndefined();
}

describe('CacheService when its Redis goes away', () => {
  let redis: PrivateRedis;
  let cache: CacheService | undefined;
  let warn: ReturnType<typeof vi.spyOn>;
  let log: ReturnType<typeof vi.spyOn>;

  beforeAll(() => requireRedisServer());

  beforeEach(async () => {
    redis = new PrivateRedis(await freePort());
    warn = vi.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    log = vi.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });

  afterEach(async () => {
    await cache?.close();
    cache = undefined;
    await redis.thaw();
    await redis.kill();
    vi.restoreAllMocks();
  });

  it('bypasses a killed Redis without throwing, reports degraded, logs once, and uses Redis again once it is back', async () => {
    await redis.start();
    cache = await createCacheService({ redisUrl: redis.url, keyPrefix: `outage-${randomUUID()}:`, operationTimeoutMs: 300 });
    await cache.set('k', 'before');
    expect(await cache.get('k')).toBe('before');
    expect(await cache.health()).toEqual({ status: 'up', store: 'redis' });

    await redis.kill();
    for (let round = 0; round < 5; round++) await expectBypassed(cache);
    const health = await cache.health();
    expect(health).toMatchObject({ status: 'degraded', store: 'redis' });
    expect(health.error).toEqual(expect.any(String));
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toContain(`127.0.0.1:${redis.port}`);

    await redis.start();
    await until(async () => (await cache!.health()).status === 'up', 'the cache reconnected to the restarted Redis');
    await cache.set('k', 'after');
    expect(await cache.get('k')).toBe('after');
    expect(await cache.exists('k')).toBe(true);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(log).toHaveBeenCalledTimes(1);
    expect(String(log.mock.calls[0]?.[0])).toContain('reachable again');
  });

  it('gives up on a Redis that stops answering after the operation timeout, and recovers when it answers again', async () => {
    await redis.start();
    cache = await createCacheService({ redisUrl: redis.url, keyPrefix: `frozen-${randomUUID()}:`, operationTimeoutMs: 300 });
    await cache.set('k', 'before');

    // SIGSTOP keeps the connection open but unanswered: only the operation timeout can end a call.
    await redis.freeze();
    await expectBypassed(cache);
    expect(await settles(cache.health())).toMatchObject({ status: 'degraded', store: 'redis', error: expect.stringContaining('did not answer') });
    expect(warn).toHaveBeenCalledTimes(1);

    await redis.thaw();
    await until(async () => (await cache!.health()).status === 'up', 'the thawed Redis answered');
    await cache.set('k', 'after');
    expect(await cache.get('k')).toBe('after');
    expect(log).toHaveBeenCalledTimes(1);
  });

  it('boots degraded when Redis is down at start, and uses Redis as soon as it comes up', async () => {
    cache = await settles(createCacheService({ redisUrl: redis.url, keyPrefix: `late-${randomUUID()}:`, operationTimeoutMs: 300 }));
    expect(await cache.health()).toMatchObject({ status: 'degraded', store: 'redis' });
    await expectBypassed(cache);

    await redis.start();
    await until(async () => (await cache!.health()).status === 'up', 'the cache connected to the late Redis');
    await cache.set('k', 'now');
    expect(await cache.get('k')).toBe('now');
    expect(warn).toHaveBeenCalledTimes(1);
    expect(log).toHaveBeenCalledTimes(1);
  });
});
