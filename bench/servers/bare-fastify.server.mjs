// Contender C: a plain Fastify route answering the bench-echo body, nothing else.
import Fastify from 'fastify';
import { ECHO_BODY, ECHO_PATH, serveUntilStopped } from './serve-until-stopped.mjs';

const fastify = Fastify({ logger: false });
fastify.get(ECHO_PATH, async () => ECHO_BODY);
const url = await fastify.listen({ port: 0, host: '127.0.0.1' });
serveUntilStopped(url, () => fastify.close());
