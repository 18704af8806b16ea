import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PluginUnit } from '../unit/plugin-unit.interface.js';

/** Why a plugin cannot serve: the answer the dispatcher sends instead. */
export interface Unavailable {
  status: number;
  code: string;
  message: string;
}

class Slot {
  inFlight = 0;
  private idle: Array<() => void> = [];
  // One listener per slot, not a closure per request, and no property written on the
  // response: adding one gave Node's response objects a second hidden class, and Node's
  // HTTP internals were deoptimised and recompiled for it (docs/BENCHMARKS.md, kernel-http).
  private readonly leaveListener = (): void => this.leave();

  constructor(readonly unit: PluginUnit) {}

  enter(response: ServerResponse): void {
    this.inFlight++;
    response.on('close', this.leaveListener); // 'close' comes once per response: no once() wrapper needed
  }

  leave(): void {
    this.inFlight--;
    if (this.inFlight === 0 && this.idle.length > 0) for (const resolve of this.idle.splice(0)) resolve();
  }

  /** Resolves when no request of this slot is in flight, or after `timeoutMs`. Returns true if drained. */
  drained(timeoutMs: number): Promise<boolean> {
    if (this.inFlight === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.idle.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }
}

const PREFIX = '/plugins/';

/**
 * Sends each `/plugins/<name>/...` request to the unit currently mounted under that name.
 * A request keeps the unit it started on: swapping or unmounting a unit only changes
 * where new requests go, and the old unit is closed once its own requests are done.
 */
export class PluginDispatcher {
  private readonly slots = new Map<string, Slot>();
  private readonly blocked = new Map<string, Unavailable>();

  constructor(private readonly describeUnavailable: (name: string) => Unavailable) {}

  handle(request: IncomingMessage, response: ServerResponse): boolean {
    const url = request.url ?? '';
    if (!url.startsWith(PREFIX)) return false;
    const name = pluginNameOf(url);
    // Quarantine is rare: skip its lookup while nothing is blocked.
    const slot = this.blocked.size > 0 && this.blocked.has(name) ? undefined : this.slots.get(name);
    if (!slot) {
      const { status, code, message } = this.blocked.get(name) ?? this.describeUnavailable(name);
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      response.end(JSON.stringify({ success: false, error: { code, message } }));
      return true;
    }
    slot.enter(response);
    slot.unit.handle(request, response);
    return true;
  }

  /** Answers every request for `name` with `answer` (quarantine) while the unit stays mounted. */
  block(name: string, answer: Unavailable): void {
    this.blocked.set(name, answer);
  }

  unblock(name: string): void {
    this.blocked.delete(name);
  }

  isMounted(name: string): boolean {
    return this.slots.has(name);
  }

  inFlight(name: string): number {
    return this.slots.get(name)?.inFlight ?? 0;
  }

  /**
   * Routes new requests for `unit.name` to `unit`. Resolves, once the previous unit's
   * requests are done (or `drainTimeoutMs` passed), with that previous unit — the caller
   * disposes it.
   */
  async mount(unit: PluginUnit, drainTimeoutMs: number): Promise<PluginUnit | undefined> {
    const previous = this.slots.get(unit.name);
    this.slots.set(unit.name, new Slot(unit));
    if (!previous) return undefined;
    await previous.drained(drainTimeoutMs);
    return previous.unit;
  }

  /** Stops routing to `name`; resolves with the unit once its in-flight requests are done. */
  async unmount(name: string, drainTimeoutMs: number): Promise<{ unit: PluginUnit; drained: boolean } | undefined> {
    const slot = this.slots.get(name);
    if (!slot) return undefined;
    this.slots.delete(name);
    const drained = await slot.drained(drainTimeoutMs);
    return { unit: slot.unit, drained };
  }
}

function pluginNameOf(url: string): string {
  let end = PREFIX.length;
  while (end < url.length) {
    const c = url.charCodeAt(end);
    if (c === 47 /* / */ || c === 63 /* ? */ || c === 35 /* # */) break;
    end++;
  }
  return url.slice(PREFIX.length, end);
}
