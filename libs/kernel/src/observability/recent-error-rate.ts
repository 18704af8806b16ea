const SLOT_MS = 10_000;
const SLOTS = 30;

/** Requests and 5xx answers of one plugin in 10 s slots over the last 5 minutes. */
class Slots {
  readonly numbers = new Array<number>(SLOTS).fill(-1);
  readonly requests = new Array<number>(SLOTS).fill(0);
  readonly errors = new Array<number>(SLOTS).fill(0);
}

/**
 * The share of 5xx answers of each plugin's running instance over the last five minutes.
 * Unlike the metrics store (per plugin, per minute, kept for a day), it starts again at
 * every activation: after an admin restarts a plugin that was failing, its health shows
 * how the new instance does, not the failures that got the old one quarantined.
 */
export class RecentErrorRate {
  private readonly plugins = new Map<string, Slots>();

  record(plugin: string, at: number, failed: boolean): void {
    const number = Math.floor(at / SLOT_MS);
    let slots = this.plugins.get(plugin);
    if (!slots) this.plugins.set(plugin, (slots = new Slots()));
    const index = number % SLOTS;
    if (slots.numbers[index] !== number) {
      slots.numbers[index] = number;
      slots.requests[index] = 0;
      slots.errors[index] = 0;
    }
    slots.requests[index]++;
    if (failed) slots.errors[index]++;
  }

  /** Forgets what the previous instance did. */
  reset(plugin: string): void {
    this.plugins.delete(plugin);
  }

  /** errors / requests over the last five minutes (4 decimals), 0 without requests. */
  rate(plugin: string, now: number): number {
    const slots = this.plugins.get(plugin);
    if (!slots) return 0;
    const oldest = Math.floor(now / SLOT_MS) - SLOTS + 1;
    let requests = 0;
    let errors = 0;
    for (let index = 0; index < SLOTS; index++) {
      if (slots.numbers[index] < oldest) continue;
      requests += slots.requests[index];
      errors += slots.errors[index];
    }
    return requests > 0 ? Math.round((errors / requests) * 10_000) / 10_000 : 0;
  }
}
