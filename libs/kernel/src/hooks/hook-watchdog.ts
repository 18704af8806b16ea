/** `startedAt` of an entry the watchdog has not ticked over yet. */
export const UNSTAMPED = -1;

/**
 * Something the watchdog times: the async handlers of one emit, or the async filter a chain
 * is waiting for. Entries form a ring with a sentinel: linking and unlinking cost a few
 * pointer writes, where a Set of fresh objects cost more than the rest of the call.
 */
export interface Watched {
  /** How long the entry may run (ms, finite and above 0). */
  timeoutMs: number;
  /** When the watchdog first saw the entry (`performance.now()`), or UNSTAMPED. */
  startedAt: number;
  previous: Watched;
  next: Watched;
  /** Called once `startedAt + timeoutMs` has passed, the entry already out of the ring. */
  expire(now: number): void;
}

// A deadline is set at most this long after its entry started; see HookWatchdog.
const MAX_TICK_MS = 250;
const TICKS_PER_TIMEOUT = 32;
// setTimeout fires at once, with a warning, when asked to wait longer than this.
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * One timer for every handler and filter timeout of a hook bus, instead of a timer per call
 * (which cost more than the calls).
 *
 * Watching an entry does not read the clock: at about 40 ns, reading it on every async call
 * cost as much as the rest of the call. The watchdog stamps the start of new entries when it
 * next ticks, and it ticks within 1/32 of the shortest timeout it is watching (at most
 * 250 ms, at least 1 ms) after an entry comes in. So an entry times out no earlier than its
 * `timeoutMs` after it started and at most one tick period later (plus however long the
 * event loop was blocked when that tick was due): a handler with the manifest's 30 s gets
 * between 30 and 30.25 s. An entry that settles before that tick costs no clock read and no
 * timer of its own.
 */
export class HookWatchdog {
  private readonly ring = sentinel();
  private timer: NodeJS.Timeout | undefined;
  /** How long the armed timer was set for (Infinity: none); a new entry needing an earlier tick re-arms it. */
  private armedFor = Infinity;
  private readonly tick = (): void => this.onTick();

  /** Starts timing `entry`, or restarts it with its current `timeoutMs` if already watched (a filter chain moving on). */
  watch(entry: Watched): void {
    entry.startedAt = UNSTAMPED;
    if (entry.next === entry) link(this.ring, entry);
    const period = tickPeriod(entry.timeoutMs);
    if (period < this.armedFor) this.arm(period);
  }

  /**
   * Watches an expired entry again, its start kept and its `timeoutMs` raised: an emit whose
   * other handlers have more time. `now` is the time expire() was given.
   */
  rewatch(entry: Watched, now: number): void {
    if (entry.next === entry) link(this.ring, entry);
    const delay = entry.startedAt + entry.timeoutMs - now;
    if (delay < this.armedFor) this.arm(delay);
  }

  unwatch(entry: Watched): void {
    unlink(entry);
  }

  private arm(delay: number): void {
    clearTimeout(this.timer);
    this.armedFor = delay;
    this.timer = setTimeout(this.tick, Math.min(Math.max(1, delay), MAX_TIMER_MS));
    // A hook still running must not keep the process alive.
    this.timer.unref();
  }

  private onTick(): void {
    this.timer = undefined;
    // Entries that expire() watches meanwhile must not arm a timer: the end of this tick arms one for all.
    this.armedFor = 0;
    const now = performance.now();
    const head = this.ring;
    let overdue: Watched[] | undefined;
    for (let entry = head.next, following = entry.next; entry !== head; entry = following, following = entry.next) {
      if (entry.startedAt === UNSTAMPED) entry.startedAt = now;
      else if (entry.startedAt + entry.timeoutMs <= now) {
        unlink(entry);
        (overdue ??= []).push(entry);
      }
    }
    try {
      // Expired after the sweep: expire() reports failures, and a report may emit hooks that watch new entries.
      if (overdue) for (const entry of overdue) entry.expire(now);
    } finally {
      this.rearm(now);
    }
  }

  /** Arms the timer for the next stamp or deadline, whichever comes first. */
  private rearm(now: number): void {
    const head = this.ring;
    let delay = Infinity;
    for (let entry = head.next; entry !== head; entry = entry.next) {
      const wait = entry.startedAt === UNSTAMPED ? tickPeriod(entry.timeoutMs) : entry.startedAt + entry.timeoutMs - now;
      if (wait < delay) delay = wait;
    }
    this.armedFor = Infinity;
    if (delay !== Infinity) this.arm(delay);
  }
}

function tickPeriod(timeoutMs: number): number {
  return Math.min(MAX_TICK_MS, Math.max(1, timeoutMs / TICKS_PER_TIMEOUT));
}

function sentinel(): Watched {
  const head = { timeoutMs: Infinity, startedAt: UNSTAMPED, expire: () => undefined } as unknown as Watched;
  head.previous = head;
  head.next = head;
  return head;
}

function link(head: Watched, entry: Watched): void {
  entry.previous = head.previous;
  entry.next = head;
  head.previous.next = entry;
  head.previous = entry;
}

// An unlinked entry points at itself, so unlinking it again (it settling after it timed out)
// changes nothing, and `entry.next === entry` tells that it is not watched.
function unlink(entry: Watched): void {
  entry.previous.next = entry.next;
  entry.next.previous = entry.previous;
  entry.previous = entry;
  entry.next = entry;
}
