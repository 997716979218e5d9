export default async function globalTeardown(): Promise<void> {
  const stop = (globalThis as { __stopTestPostgres?: () => Promise<void> }).__stopTestPostgres;
  await stop?.();
}
