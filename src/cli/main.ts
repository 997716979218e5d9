import { Command, CommanderError } from 'commander';
import { BuildAborted } from '../projections/runtime/build-into';
import { describeFailure } from './cli-error';
import { formatHistory, ordersHistory } from './commands/orders-history';
import { formatOrder, ordersShow, type ShowOptions } from './commands/orders-show';
import {
  formatRebuild,
  projectionsRebuild,
  type RebuildCommandOptions,
} from './commands/projections-rebuild';
import { formatStatuses, projectionsStatus } from './commands/projections-status';
import { connect, type CliConnection, type Connect } from './connect';
import { printJson, processIo, type CliIo } from './output';
import { progressBar, type ProgressReporter } from './progress';

interface JsonOption {
  json?: boolean;
}

/**
 * Runs the `chronocart` command line and returns the exit status: 0 on success, 1 on failure
 * (one line on stderr, no stack trace), 130 when interrupted.
 */
export async function runCli(
  argv: readonly string[],
  io: CliIo = processIo,
  connectTo: Connect = () => connect(),
): Promise<number> {
  let connection: CliConnection | null = null;
  const session = async () => (connection ??= await connectTo());
  const interrupt = new AbortController();
  const onSigint = () => {
    io.stderr('\ninterrupting: the live tables stay as they were\n');
    interrupt.abort();
  };
  process.once('SIGINT', onSigint);
  const program = buildProgram(io, session, interrupt.signal);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof BuildAborted) return 130;
    io.stderr(`chronocart: ${describeFailure(error)}\n`);
    return 1;
  } finally {
    process.removeListener('SIGINT', onSigint);
    await (connection as CliConnection | null)?.close().catch(() => undefined);
  }
}

function buildProgram(
  io: CliIo,
  session: () => Promise<CliConnection>,
  signal: AbortSignal,
): Command {
  const program = new Command('chronocart')
    .description('Operate Chronocart: projections, rebuilds and order time travel')
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout(text), writeErr: (text) => io.stderr(text) })
    .showHelpAfterError();

  const projections = program.command('projections').description('read-model projections');
  projections
    .command('status')
    .description('position, lag and state of every projection')
    .option('--json', 'print JSON')
    .action(async (options: JsonOption) => {
      const statuses = await projectionsStatus(await session());
      if (options.json) printJson(io, { projections: statuses });
      else io.stdout(formatStatuses(statuses));
    });
  projections
    .command('rebuild')
    .description(
      'rebuild <name|all> into new tables and swap them in; with --as-of or --to-position, ' +
        'build the past into --schema for an audit',
    )
    .argument('<name>', 'a projection name, or all')
    .option('--as-of <time>', 'the tables as they stood at this ISO-8601 time')
    .option('--to-position <position>', 'the tables as they stood after this log position')
    .option('--schema <name>', 'a new side schema for --as-of / --to-position')
    .option('--batch-size <n>', 'events per batch (default 10000)')
    .option('--json', 'print JSON')
    .action(async (name: string, options: RebuildCommandOptions & JsonOption) => {
      const bars = new Map<string, ProgressReporter>();
      const outcome = await projectionsRebuild(await session(), name, options, {
        signal,
        onProgress: (label, applied, total) => {
          let bar = bars.get(label);
          if (!bar) bars.set(label, (bar = progressBar(io, label)));
          bar.update(applied, total);
        },
        onDone: (label) => bars.get(label)?.stop(),
      }).finally(() => bars.forEach((bar) => bar.stop()));
      if (options.json)
        printJson(
          io,
          outcome.kind === 'audit' ? { audit: outcome.audit } : { rebuilt: outcome.rebuilt },
        );
      else io.stdout(formatRebuild(outcome));
    });

  const orders = program.command('orders').description('orders from the event log');
  orders
    .command('history')
    .description("the order's events, oldest first")
    .argument('<id>', 'order id')
    .option('--json', 'print JSON')
    .action(async (id: string, options: JsonOption) => {
      const events = await ordersHistory(await session(), id);
      if (options.json) printJson(io, { orderId: id, events });
      else io.stdout(formatHistory(events));
    });
  orders
    .command('show')
    .description('the order now, or as it stood at a time or version')
    .argument('<id>', 'order id')
    .option('--as-of <time>', 'as it stood at this ISO-8601 time')
    .option('--at-version <n>', 'as it stood at this version of its stream')
    .option('--json', 'print JSON')
    .action(async (id: string, options: ShowOptions & JsonOption) => {
      const order = await ordersShow(await session(), id, options);
      if (options.json) printJson(io, { order });
      else io.stdout(formatOrder(order));
    });
  return program;
}
