import { Inject, Injectable } from '@nestjs/common';
import { hash, parseOptions, verify, type Algorithm } from '@node-rs/argon2';
import pLimit, { type LimitFunction } from 'p-limit';
import { AUTH_OPTIONS } from '../auth.constants.js';
import type { PasswordHashOptions, ResolvedAuthOptions } from '../auth-options.interface.js';
import { DEFAULT_PASSWORD_HASH } from '../auth-options.js';

// `Algorithm` is a const enum that does not exist at run time; 2 is Argon2id.
const ARGON2ID = 2 as Algorithm;

/**
 * argon2id password hashing. `verify` is constant-time (argon2 compares the whole digest),
 * and `needsRehash` tells when a stored hash was made with other cost parameters, so the
 * caller can rehash at the next successful login. Hashes run on libuv's pool, at most
 * `maxConcurrentHashes` at once: a burst of logins queues here instead of taking every core,
 * the event loop's included (measured in docs/BENCHMARKS.md, auth-http).
 *
 * @example
 * const stored = await hasher.hash('correct horse battery staple');
 * if (await hasher.verify(stored, attempt) && hasher.needsRehash(stored)) save(await hasher.hash(attempt));
 */
@Injectable()
export class PasswordHasher {
  private readonly params: PasswordHashOptions;
  private readonly turns: LimitFunction;
  private dummyHash?: Promise<string>;

  constructor(
    @Inject(AUTH_OPTIONS)
    options: Pick<ResolvedAuthOptions, 'passwordHash'> & Partial<Pick<ResolvedAuthOptions, 'maxConcurrentHashes'>> = { passwordHash: DEFAULT_PASSWORD_HASH },
  ) {
    this.params = options.passwordHash;
    this.turns = pLimit(options.maxConcurrentHashes ?? 1);
  }

  hash(password: string): Promise<string> {
    return this.turns(() => hash(password, { algorithm: ARGON2ID, ...this.params }));
  }

  /** True when the password matches; false for a wrong password or an unreadable hash. */
  async verify(storedHash: string, password: string): Promise<boolean> {
    try {
      return await this.turns(() => verify(storedHash, password));
    } catch {
      return false;
    }
  }

  /** Hashes running now, and hashes waiting for a turn. */
  get load(): { running: number; waiting: number } {
    return { running: this.turns.activeCount, waiting: this.turns.pendingCount };
  }

  /**
   * Spends the time of one verification without a stored hash, so that a login for an
   * unknown account takes as long as one with a wrong password.
   */
  async verifyNothing(password: string): Promise<false> {
    this.dummyHash ??= this.hash('tessera-dummy-password');
    await this.verify(await this.dummyHash, password);
    return false;
  }

  needsRehash(storedHash: string): boolean {
    try {
      const used = parseOptions(storedHash);
      return (
        used.algorithm !== ARGON2ID ||
        used.memoryCost !== this.params.memoryCost ||
        used.timeCost !== this.params.timeCost ||
        used.parallelism !== this.params.parallelism
      );
    } catch {
      return true;
    }
  }
}
