/** Spreads competing processes apart so they stop colliding: up to 50 ms, jittered. */
export function backoff(attempt: number): Promise<void> {
  const ms = Math.min(50, 2 ** attempt) * Math.random();
  return new Promise((resolve) => setTimeout(resolve, ms));
}
