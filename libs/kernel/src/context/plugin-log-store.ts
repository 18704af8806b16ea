/** One kept log line of a plugin. */
export interface PluginLogEntry {
  time: string;
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  fields?: Record<string, unknown>;
}

export interface LogQuery {
  level?: PluginLogEntry['level'];
  since?: Date;
  until?: Date;
  search?: string;
  page?: number;
  perPage?: number;
}

const LEVEL_RANK = { debug: 0, info: 1, warn: 2, error: 3 } as const;

/**
 * Keeps the latest lines of each plugin in memory (a bounded ring per plugin), so admins
 * can read and search a plugin's logs without a log stack. Lines also go to the process
 * logger, which is the durable record.
 */
export class PluginLogStore {
  private readonly rings = new Map<string, PluginLogEntry[]>();

  constructor(private readonly capacityPerPlugin = 2_000) {}

  append(plugin: string, entry: PluginLogEntry): void {
    let ring = this.rings.get(plugin);
    if (!ring) this.rings.set(plugin, (ring = []));
    ring.push(entry);
    if (ring.length > this.capacityPerPlugin) ring.splice(0, ring.length - this.capacityPerPlugin);
  }

  /** Newest first, filtered and paginated. */
  query(plugin: string, query: LogQuery = {}): { items: PluginLogEntry[]; total: number } {
    const minRank = query.level ? LEVEL_RANK[query.level] : 0;
    const search = query.search?.toLowerCase();
    const matches = (this.rings.get(plugin) ?? []).filter((entry) => {
      if (LEVEL_RANK[entry.level] < minRank) return false;
      const time = Date.parse(entry.time);
      if (query.since && time < query.since.getTime()) return false;
      if (query.until && time > query.until.getTime()) return false;
      return !search || entry.message.toLowerCase().includes(search);
    });
    matches.reverse();
    const perPage = query.perPage ?? 100;
    const start = ((query.page ?? 1) - 1) * perPage;
    return { items: matches.slice(start, start + perPage), total: matches.length };
  }

  clear(plugin: string): void {
    this.rings.delete(plugin);
  }
}
