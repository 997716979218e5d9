import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { sleep } from './bench-stats';
import { note } from './bench-cluster';
import { freePort } from '../../src/infrastructure/free-port';

/** The built server, the one `npm start` runs (the benchmarks run from dist/bench/). */
const MAIN = path.resolve(__dirname, '../../src/main.js');

/**
 * The ones the config reads as unset when empty: those not given are set empty, so that dotenv
 * (src/main.ts loads ./.env) leaves them unset.
 */
const EMPTY_IS_UNSET = [
  'DATABASE_URL',
  'EVENTSTORE_URL',
  'REDIS_URL',
  'JWT_SECRET',
  'ADMIN_EMAIL',
  'ADMIN_PASSWORD',
  'PAYMENT_WEBHOOK_SECRET',
  'CORS_ORIGINS',
] as const;
/** The others take their defaults when not given. */
const WITH_DEFAULTS = [
  'PORT',
  'HOST',
  'DATA_DIR',
  'RESERVATION_TTL',
  'CART_TTL',
  'PROCESS_ROLE',
  'LOG_LEVEL',
] as const;
/**
 * Every variable src/infrastructure/config/config.ts reads. None is inherited from the
 * benchmark's own environment (its DATABASE_URL names the maintenance database, for one).
 */
const CONFIG_VARIABLES = [...WITH_DEFAULTS, ...EMPTY_IS_UNSET];

const OUTPUT_TAIL = 64 * 1024;
const READY_TIMEOUT_MS = 60_000;
/** src/main.ts gives its own shutdown 15 s before it exits with 1. */
const STOP_TIMEOUT_MS = 20_000;

export interface AppProcess {
  name: string;
  /** The GraphQL endpoint. */
  url: string;
  pid: number;
  /** Null while it runs. */
  exitStatus(): string | null;
  /** The last 64 KiB it wrote to stdout and stderr. */
  output(): string;
  /** SIGTERM, then waits for the exit (SIGKILL after 20 s). */
  stop(): Promise<void>;
}

/**
 * Starts `node dist/src/main.js` with this process's Node flags (the benchmark runs with those
 * of `npm start`) and `env` (the app's configuration; PORT and HOST are chosen here), and
 * resolves once its /readyz answers 200. A start that fails stops the child first.
 * With `forward`, its output also goes to stderr, each line prefixed with its name.
 */
export async function startAppProcess(
  name: string,
  env: Record<string, string>,
  options: { forward?: boolean } = {},
): Promise<AppProcess> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} does not exist: run npm run build first`);
  const port = await freePort();
  const inherited = { ...process.env };
  for (const key of CONFIG_VARIABLES) delete inherited[key];
  const blank: Record<string, string> = {};
  for (const key of EMPTY_IS_UNSET) blank[key] = '';
  const child = spawn(process.execPath, [...process.execArgv, MAIN], {
    env: { ...inherited, ...blank, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    output = (output + text).slice(-OUTPUT_TAIL);
    if (options.forward)
      for (const line of text.split('\n')) if (line) process.stderr.write(`[${name}] ${line}\n`);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  let status: string | null = null;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      status = signal ? `killed by ${signal}` : `exited with ${code}`;
      resolve();
    });
    // Could not be spawned (or signalled): there may be no 'exit' to wait for.
    child.once('error', (error) => {
      status ??= `failed: ${error.message}`;
      resolve();
    });
  });
  // A function, so that no narrowing of `status` outlives an await.
  const exitStatus = (): string | null => status;
  // The benchmark dying without its cleanup must not leave a server running.
  const orphanGuard = () => void (exitStatus() === null && child.kill('SIGTERM'));
  process.once('exit', orphanGuard);

  const stop = async () => {
    if (exitStatus() === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => {
        note(`${name} did not exit ${STOP_TIMEOUT_MS / 1000} s after SIGTERM: SIGKILL`);
        child.kill('SIGKILL');
      }, STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
      const end = exitStatus();
      if (end !== 'exited with 0') note(`${name} ${end} on SIGTERM`);
    }
    process.removeListener('exit', orphanGuard);
  };

  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  try {
    for (;;) {
      const end = exitStatus();
      if (end !== null) throw new Error(`${name} ${end} at start`);
      const ready = await fetch(`${base}/readyz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) break;
      if (Date.now() > deadline)
        throw new Error(`${name} not ready within ${READY_TIMEOUT_MS / 1000} s`);
      await sleep(100);
    }
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}; its output:\n${output.trimEnd() || '(none)'}`);
  }
  return {
    name,
    url: `${base}/graphql`,
    pid: child.pid!,
    exitStatus,
    output: () => output,
    stop,
  };
}
