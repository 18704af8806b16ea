/** One request a plugin answered. */
export interface PluginRequestSample {
  plugin: string;
  method: string;
  route: string;
  status: number;
  seconds: number;
  /** Epoch ms when it ended. */
  at: number;
}

/** Something of a plugin that failed: a 5xx answer, a hook handler, an action. */
export interface PluginFailureSignal {
  plugin: string;
  source: 'endpoint' | 'hook' | 'action';
  message: string;
  at: number;
}

type Listener<T> = (event: T) => void;

/**
 * The kernel's stream of what plugins do: every answered request and every failure. The
 * per-plugin metrics store and the quarantine monitor listen to it; a listener's error
 * is swallowed so observation can never break serving.
 */
export class PluginActivity {
  private readonly requestListeners: Listener<PluginRequestSample>[] = [];
  private readonly failureListeners: Listener<PluginFailureSignal>[] = [];

  onRequest(listener: Listener<PluginRequestSample>): void {
    this.requestListeners.push(listener);
  }

  onFailure(listener: Listener<PluginFailureSignal>): void {
    this.failureListeners.push(listener);
  }

  request(sample: PluginRequestSample): void {
    for (const listener of this.requestListeners) safely(listener, sample);
    if (sample.status >= 500) this.failure({ plugin: sample.plugin, source: 'endpoint', message: `${sample.method} ${sample.route} answered ${sample.status}`, at: sample.at });
  }

  failure(signal: PluginFailureSignal): void {
    for (const listener of this.failureListeners) safely(listener, signal);
  }
}

function safely<T>(listener: Listener<T>, event: T): void {
  try {
    listener(event);
  } catch {
    // Observation must never break the request or the hook that produced the event.
  }
}
