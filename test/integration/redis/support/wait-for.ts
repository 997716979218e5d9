/**
 * Resolves once `condition` holds, checking after each turn of the event loop (and every few
 * ms); rejects with `what` when it does not within `timeoutMs`. For states that no event
 * announces (a reconnect inside ioredis, a projection catching up in another process).
 */
export async function waitFor(
  what: string,
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
