import { Worker } from 'node:worker_threads';

type Answer = Record<string, unknown> & { name?: string; isError?: boolean; message?: string };
type WorkerReply =
  | { type: 'ready' }
  | { type: 'failed'; error: Answer }
  | { type: 'answer'; id: number; messages?: Answer[]; error?: Answer }
  | { type: 'closed'; error?: Answer };

// Plain JavaScript, outside src/ and dist/, so the same file starts from either. It needs none
// of the main thread's flags (some, like --input-type, are refused in a worker).
const WORKER_FILE = new URL('../../worker/pglite-worker.mjs', import.meta.url);

/**
 * PGlite in a worker thread, seen from the main thread through the two members PGlite's
 * node-postgres connection uses (`waitReady` and `execProtocolStream`), so `createPgConfig`
 * takes it as it takes a PGlite. Why a thread: an idle PGlite in the serving isolate made every
 * HTTP request ~6 µs dearer (its heap pollutes V8's hidden-class transitions; see
 * docs/BENCHMARKS.md), and its SQL ran on the event loop.
 *
 * @example
 * const pglite = await PgliteWorkerBridge.open('/data/pglite');
 * createPgConfig(pglite as never).connection; // for pg.Pool
 */
export class PgliteWorkerBridge {
  closed = false;
  readonly waitReady: Promise<void>;
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (messages: unknown[]) => void; reject: (error: Error) => void }>();
  private nextId = 0;
  private closing: Promise<void> | undefined;
  private failure: Error | undefined;

  private constructor(dataDir: string) {
    this.worker = new Worker(WORKER_FILE, { workerData: { dataDir }, execArgv: [] });
    this.waitReady = new Promise((resolve, reject) => {
      this.worker.once('message', (reply: WorkerReply) => (reply.type === 'ready' ? resolve() : reject(toError(reply.type === 'failed' ? reply.error : { message: 'PGlite did not start' }))));
      this.worker.once('error', reject);
    });
    this.worker.on('message', (reply: WorkerReply) => this.onReply(reply));
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`The PGlite thread stopped (exit code ${code}).`)));
  }

  /** Starts the thread and opens (or creates) the database in `dataDir`. */
  static async open(dataDir: string): Promise<PgliteWorkerBridge> {
    const bridge = new PgliteWorkerBridge(dataDir);
    try {
      await bridge.waitReady;
      bridge.worker.unref();
      return bridge;
    } catch (error) {
      await bridge.worker.terminate();
      throw error;
    }
  }

  /** Sends wire-protocol bytes to PGlite; resolves with its answers (errors as error messages). */
  execProtocolStream(bytes: Uint8Array): Promise<unknown[]> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closing) return Promise.reject(new Error('The embedded database is closed (the DataSource was destroyed).'));
    const id = this.nextId++;
    // The thread keeps the process alive only while a query is on its way, as a socket to
    // PostgreSQL would: an idle database never holds a finished program open.
    if (this.pending.size === 0) this.worker.ref();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ type: 'query', id, bytes });
    });
  }

  /** Closes PGlite (its files flushed) and ends the thread. */
  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    if (!this.failure) {
      const closed = new Promise<Answer | undefined>((resolve) => {
        const onClosed = (reply: WorkerReply) => {
          if (reply.type !== 'closed') return;
          this.worker.off('message', onClosed);
          resolve(reply.error);
        };
        this.worker.on('message', onClosed);
        this.worker.once('exit', () => resolve(undefined));
      });
      this.worker.ref();
      this.worker.postMessage({ type: 'close' });
      const error = await closed;
      this.closed = true;
      await this.worker.terminate();
      if (error) throw toError(error);
      return;
    }
    this.closed = true;
    await this.worker.terminate();
  }

  private onReply(reply: WorkerReply): void {
    if (reply.type !== 'answer') return;
    const waiter = this.pending.get(reply.id);
    if (!waiter) return;
    this.pending.delete(reply.id);
    if (this.pending.size === 0) this.worker.unref();
    if (reply.error) waiter.reject(toError(reply.error));
    else waiter.resolve((reply.messages ?? []).map((message) => (message.isError ? toError(message) : message)));
  }

  private fail(error: Error): void {
    if (this.closed) return;
    this.failure ??= error;
    for (const waiter of this.pending.values()) waiter.reject(error);
    this.pending.clear();
  }
}

// A database error crosses the thread as a plain object: back into an Error with its fields
// (code, detail, constraint, ...), which pg and TypeORM read.
function toError(fields: Answer): Error {
  const { isError: _isError, message, ...rest } = fields;
  return Object.assign(new Error(message ?? 'PGlite failed'), rest);
}
