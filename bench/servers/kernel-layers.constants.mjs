/**
 * The layers of a plugin's request path that kernel-layers.server.mjs can add to bare
 * Nest + Fastify, in the order a request meets them; BENCH_LAYERS=n adds the first n.
 */
export const LAYER_NAMES = ['host dispatcher', 'request hooks', 'endpoint guard', 'rate + time limit', 'direct endpoint'];
