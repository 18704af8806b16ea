export const DEFAULT_KEY_PREFIX = 'tessera:';

export const DEFAULT_OPERATION_TIMEOUT_MS = 500;

/** How long boot waits for the first Redis connection before starting degraded (it keeps trying). */
export const REDIS_CONNECT_WAIT_MS = 2_000;

/**
 * Keyv's memory store only drops an expired entry when it is read; entries written with a ttl and
 * never read again would pile up in a long-running process, so they are swept at this interval.
 */
export const MEMORY_SWEEP_INTERVAL_MS = 60_000;

/** Grammar of a namespace name: it becomes part of every key, so it must never carry glob characters. */
export const NAMESPACE_NAME = /^[a-z0-9][a-z0-9_-]*$/;

/** Separator between a namespace and the keys inside it. */
export const NAMESPACE_SEPARATOR = ':';

/** Logger context of the cache. */
export const CACHE_LOGGER_CONTEXT = 'Cache';
