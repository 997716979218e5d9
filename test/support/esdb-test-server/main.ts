/**
 * TEST CODE. Runs the wire-level EventStoreDB test server on its own, so the whole app can run
 * against it: `--port <n>` (default 2113), `--host <address>` (default 127.0.0.1). In memory only.
 */
import { parseArgs } from 'node:util';
import { startEsdbTestServer } from './server';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '2113' },
      host: { type: 'string', default: '127.0.0.1' },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be a port number, got "${values.port}"`);
  }
  const server = await startEsdbTestServer({ host: values.host, port });
  process.stdout.write(
    `EventStoreDB test server (in memory, not a database) listening: EVENTSTORE_URL=${server.connectionString}\n`,
  );
  const shutdown = () => void server.close().then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
