// The embedded database's own thread (see libs/database/src/pglite/pglite-worker-bridge.ts).
// PGlite runs here, in a V8 isolate of its own, so neither its WebAssembly SQL work nor its
// heap (a large in-memory file system) lands on the event loop that serves HTTP. The main
// thread sends raw wire-protocol bytes; the answers go back as plain objects, since errors
// lose their fields (code, detail, constraint, ...) when cloned as Error objects.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

let pglite;
let closing = false;
try {
  pglite = await PGlite.create({ dataDir: workerData.dataDir });
  parentPort.postMessage({ type: 'ready' });
} catch (error) {
  parentPort.postMessage({ type: 'failed', error: plainError(error) });
}

parentPort.on('message', async (message) => {
  if (message.type === 'close') {
    closing = true;
    try {
      if (pglite && !pglite.closed) await pglite.close();
      parentPort.postMessage({ type: 'closed' });
    } catch (error) {
      parentPort.postMessage({ type: 'closed', error: plainError(error) });
    }
    return;
  }
  try {
    // A query that crossed a close on its way here: PGlite itself would fail obscurely.
    if (!pglite || closing || pglite.closed) throw new Error('The embedded database is closed (the DataSource was destroyed).');
    const answers = await pglite.execProtocolStream(message.bytes, { throwOnError: false });
    parentPort.postMessage({ type: 'answer', id: message.id, messages: answers.map(plainMessage) });
  } catch (error) {
    parentPort.postMessage({ type: 'answer', id: message.id, error: plainError(error) });
  }
});

function plainMessage(message) {
  return message instanceof Error ? { ...plainError(message), isError: true } : { ...message };
}

function plainError(error) {
  return { ...error, message: error?.message ?? String(error), name: error?.name };
}
