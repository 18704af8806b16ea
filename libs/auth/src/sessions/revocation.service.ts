import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { AUTH_OPTIONS, REVOCATION_STORE } from '../auth.constants.js';
import type { ResolvedAuthOptions } from '../auth-options.interface.js';

/** Where revoked session ids are shared between instances (the cache: Redis when configured). */
export interface RevocationStore {
  set(key: string, value: unknown, ttlSeconds?: number): Promise<void>;
  exists(key: string): Promise<boolean>;
}

/**
 * Remembers revoked sessions for as long as an access token of theirs can live, so that a
 * logged-out token is refused before its `exp`. This instance's revocations are checked in
 * memory; others' through the shared store when one is configured.
 *
 * @example
 * await revocations.revoke([sessionId]);
 * await revocations.isRevoked(sessionId); // true, on every instance sharing the store
 */
@Injectable()
export class RevocationService {
  private readonly logger = new Logger('Auth');
  // Every entry lives the same accessTtl, so insertion order is expiry order.
  private readonly local = new Map<string, number>();

  constructor(
    @Inject(AUTH_OPTIONS) private readonly options: ResolvedAuthOptions,
    @Optional() @Inject(REVOCATION_STORE) private readonly store?: RevocationStore,
  ) {}

  /** Marks sessions revoked here and in the shared store. */
  async revoke(sessionIds: string[], revokedAt = new Date()): Promise<void> {
    this.remember(sessionIds, revokedAt);
    if (!this.store) return;
    await Promise.all(
      sessionIds.map((id) =>
        this.store!.set(storeKey(id), 1, this.options.accessTtlSeconds).catch((error: Error) =>
          this.logger.warn(`Could not share the revocation of session ${id}: ${error.message}`),
        ),
      ),
    );
  }

  /** Marks sessions revoked in this process only (used at boot with the database's recent revocations). */
  remember(sessionIds: string[], revokedAt = new Date()): void {
    const expiresAt = revokedAt.getTime() + this.options.accessTtlSeconds * 1000;
    this.prune();
    for (const id of sessionIds) {
      this.local.delete(id);
      this.local.set(id, expiresAt);
    }
  }

  async isRevoked(sessionId: string): Promise<boolean> {
    if (this.isRevokedHere(sessionId)) return true;
    if (!this.store) return false;
    return this.store.exists(storeKey(sessionId));
  }

  /** Revoked by this process (or remembered from the database at boot). */
  isRevokedHere(sessionId: string): boolean {
    const expiresAt = this.local.get(sessionId);
    return expiresAt !== undefined && expiresAt > Date.now();
  }

  /** True when other instances' revocations must be looked up in the shared store. */
  get isShared(): boolean {
    return this.store !== undefined;
  }

  private prune(): void {
    const now = Date.now();
    for (const [id, expiresAt] of this.local) {
      if (expiresAt > now) break;
      this.local.delete(id);
    }
  }
}

function storeKey(sessionId: string): string {
  return `revoked-session:${sessionId}`;
}
