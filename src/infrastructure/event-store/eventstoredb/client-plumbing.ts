import {
  type BaseOptions,
  convertToCommandError,
  type EventStoreDBClient,
  type Position,
} from '@eventstore/db-client';
import { Empty } from '@eventstore/db-client/generated/shared_pb';
import { StreamsClient } from '@eventstore/db-client/generated/streams_grpc_pb';
import { ReadReq, type ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { convertGrpcEvent } from '@eventstore/db-client/dist/utils/convertGrpcEvent';
import { type EsdbEvent } from './event-mapping';

export interface FilteredReadOptions {
  from: Position | 'start' | 'end';
  direction: 'forwards' | 'backwards';
  /** How many matching events to return at most. */
  maxCount: number;
  /** Regular expression on the event type, evaluated by the server. */
  eventTypeRegex: string;
  /** Milliseconds; the client's default deadline otherwise. */
  deadline?: number;
}

type ReadArguments = Parameters<StreamsClient['read']>;

/**
 * The client's protected plumbing, which every one of its own commands goes through. We use it
 * for what its public API lacks: filtered reads of $all, and closing the channel on shutdown.
 * Re-check these against the client when upgrading it; `assertPlumbing` fails fast if they moved.
 */
interface ClientPlumbing {
  // Arrow-function properties on the instance, so they may be called detached.
  execute: <T>(
    grpcClient: typeof StreamsClient,
    debugName: string,
    action: (client: StreamsClient) => Promise<T>,
  ) => Promise<T>;
  callArguments: (
    options: BaseOptions,
  ) => [NonNullable<ReadArguments[1]>, NonNullable<ReadArguments[2]>];
  getChannel: () => Promise<ReturnType<StreamsClient['getChannel']>>;
}

const plumbing = (client: EventStoreDBClient) => client as unknown as ClientPlumbing;

/** @throws Error when this version of @eventstore/db-client lacks the plumbing we rely on */
export function assertPlumbing(client: EventStoreDBClient): void {
  const { execute, callArguments, getChannel } = plumbing(client);
  if ([execute, callArguments, getChannel].some((f) => typeof f !== 'function')) {
    throw new Error('@eventstore/db-client changed its internals: see client-plumbing.ts');
  }
}

/** Cancels the client's open calls and closes its channel; `dispose` alone leaves it open. */
export async function closeClient(client: EventStoreDBClient): Promise<void> {
  await client.dispose();
  (await plumbing(client).getChannel()).close();
}

/**
 * Reads $all with a server-side filter. EventStoreDB's Read call accepts a filter on plain reads
 * of $all, but @eventstore/db-client 6 only sends one with subscriptions; so this builds the same
 * request as its readAll does (dist/streams/readAll.js), with the filter, and sends it through the
 * client's own `execute` and `callArguments`: the same channel, credentials, deadline and
 * reconnection as every other command.
 */
export async function readAllFiltered(
  client: EventStoreDBClient,
  options: FilteredReadOptions,
): Promise<EsdbEvent[]> {
  const { execute, callArguments } = plumbing(client);
  const request = new ReadReq().setOptions(readOptions(options));
  return execute(StreamsClient, 'readAllFiltered', (grpc) => {
    const call = grpc.read(request, ...callArguments({ deadline: options.deadline }));
    return new Promise<EsdbEvent[]>((resolve, reject) => {
      const events: EsdbEvent[] = [];
      call.on('data', (response: ReadResp) => {
        const read = response.getEvent();
        const event = read && convertGrpcEvent(read).event;
        if (event) events.push(event);
      });
      call.on('error', (error: Error) => reject(convertToCommandError(error)));
      call.on('end', () => resolve(events));
    });
  });
}

function readOptions(options: FilteredReadOptions): ReadReq.Options {
  const all = new ReadReq.Options.AllOptions();
  if (options.from === 'start') all.setStart(new Empty());
  else if (options.from === 'end') all.setEnd(new Empty());
  else
    all.setPosition(
      new ReadReq.Options.Position()
        .setCommitPosition(options.from.commit.toString())
        .setPreparePosition(options.from.prepare.toString()),
    );
  const filter = new ReadReq.Options.FilterOptions()
    .setEventType(new ReadReq.Options.FilterOptions.Expression().setRegex(options.eventTypeRegex))
    .setCount(new Empty())
    .setCheckpointintervalmultiplier(1);
  return new ReadReq.Options()
    .setAll(all)
    .setReadDirection(
      options.direction === 'forwards'
        ? ReadReq.Options.ReadDirection.FORWARDS
        : ReadReq.Options.ReadDirection.BACKWARDS,
    )
    .setResolveLinks(false)
    .setCount(options.maxCount.toString())
    .setUuidOption(new ReadReq.Options.UUIDOption().setString(new Empty()))
    .setFilter(filter);
}
