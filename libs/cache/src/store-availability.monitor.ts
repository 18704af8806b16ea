import { Logger } from '@nestjs/common';
import { CACHE_LOGGER_CONTEXT } from './cache.constants.js';
import { CacheMessages } from './cache.messages.js';

/**
 * Whether the store answers, as last observed. It logs the transitions only: one warning when an
 * outage starts and one line when it ends, however many calls (or reconnect attempts) fail between.
 */
export class StoreAvailability {
  private down = false;
  private downSince = 0;
  private reason: string | undefined;
  private readonly logger = new Logger(CACHE_LOGGER_CONTEXT);

  constructor(private readonly target: string) {}

  get isDown(): boolean {
    return this.down;
  }

  /** Why the store is down, while it is. */
  get lastError(): string | undefined {
    return this.down ? this.reason : undefined;
  }

  markDown(reason: string): void {
    this.reason = reason;
    if (this.down) return;
    this.down = true;
    this.downSince = Date.now();
    this.logger.warn(CacheMessages.redisDown(this.target, reason));
  }

  markUp(): void {
    if (!this.down) return;
    this.down = false;
    this.logger.log(CacheMessages.redisBack(this.target, Date.now() - this.downSince));
  }
}
