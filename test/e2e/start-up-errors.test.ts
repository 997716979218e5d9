import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { createTestDatabase } from '../support/database';

const MAIN = path.resolve(__dirname, '../../dist/src/main.js');

/** Runs the built server to its exit; a refused start must not take long. */
function runServer(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN], {
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

/** Brief, section 2: configuration is validated at start with a clear message naming the bad variable. */
describe('a server that cannot start says why, in one line', () => {
  it.each([
    [
      { PORT: 'eighty' },
      'Invalid configuration: PORT must be a port number from 0 to 65535 (got "eighty")',
    ],
    [
      { RESERVATION_TTL: 'soon' },
      'Invalid configuration: RESERVATION_TTL must be a duration like 30s, 15m, 7d',
    ],
    [
      { DATABASE_URL: 'postgres://app:hunter2@127.0.0.1:1/shop' },
      'Chronocart failed to start: DATABASE_URL postgres://app:***@127.0.0.1:1/shop is not usable: connect ECONNREFUSED',
    ],
  ])('%j', async (env, message) => {
    const { code, output } = await runServer(env);
    expect(code).toBe(1);
    expect(output.trim().split('\n').at(-1)).toContain(message);
    expect(output).not.toContain('hunter2');
    expect(output).not.toMatch(/\n\s+at /);
  });

  it('a port already taken names HOST and PORT, with no stack trace', async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as net.AddressInfo).port;
    const db = await createTestDatabase(1);
    try {
      const { code, output } = await runServer({
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: db.url,
        LOG_LEVEL: 'error',
        JWT_SECRET: 'start-up-test-secret-that-is-long-enough',
        PAYMENT_WEBHOOK_SECRET: 'start-up-test-webhook-secret',
      });
      expect(code).toBe(1);
      expect(output).toContain(
        `Chronocart failed to start: cannot listen on HOST 127.0.0.1, PORT ${port}: listen EADDRINUSE`,
      );
      expect(output).not.toMatch(/\n\s+at /);
    } finally {
      taken.close();
      await db.drop();
    }
  });
});
