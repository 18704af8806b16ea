/**
 * POSTs `body` as JSON to `url`, giving up after `timeoutMs`. Rejects when the receiver
 * cannot be reached in time or answers with a non-2xx status (the caller logs it: an alert
 * that cannot be delivered must never break what raised it).
 */
export async function postAlert(url: string, body: Record<string, unknown>, timeoutMs: number): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  // Read the answer so the connection is released at once.
  await response.arrayBuffer().catch(() => undefined);
  if (!response.ok) throw new Error(`the webhook answered ${response.status}`);
}
