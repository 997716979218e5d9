/**
 * TEST CODE. Streams.Read, server-streaming: bounded reads of a stream or of $all, forwards or
 * backwards, with an optional filter on $all; subscriptions are handed to `serveSubscription`.
 * Like EventStoreDB: a read of $all forwards includes the event at its start position and a read
 * backwards stops before it; a stream that has no events answers `stream_not_found`.
 */
import { type handleServerStreamingCall, type ServerWritableStream, status } from '@grpc/grpc-js';
import { ReadReq, type ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { fail, isOpen, send } from './call-io';
import { type EventFilter, eventFilter } from './event-filter';
import { type InMemoryLog, type StoredEvent } from './in-memory-log';
import { type LiveCalls, serveSubscription } from './subscription';
import { type EventEncoding, eventResponse, streamName, streamNotFoundResponse } from './wire';

export function readHandler(
  log: InMemoryLog,
  live: LiveCalls,
): handleServerStreamingCall<ReadReq, ReadResp> {
  return (call) => {
    const options = call.request.getOptions();
    if (!options) return fail(call, status.INVALID_ARGUMENT, 'Options expected');
    let filter: EventFilter | null;
    try {
      filter = eventFilter(options);
    } catch (error) {
      return fail(call, status.INVALID_ARGUMENT, String(error));
    }
    const encoding: EventEncoding = {
      structuredUuids: options.getUuidOption()?.hasStructured() ?? false,
      withCommitPosition: options.hasAll(),
    };
    const serve = options.hasSubscription()
      ? serveSubscription(log, live, call, options, filter, encoding)
      : serveRead(log, call, options, filter, encoding);
    serve.catch((error: unknown) => fail(call, status.INTERNAL, String(error)));
  };
}

async function serveRead(
  log: InMemoryLog,
  call: ServerWritableStream<ReadReq, ReadResp>,
  options: ReadReq.Options,
  filter: EventFilter | null,
  encoding: EventEncoding,
): Promise<void> {
  const backwards = options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS;
  const count = Number(options.getCount());
  const streamOptions = options.getStream();
  let events: Iterable<StoredEvent>;
  if (streamOptions) {
    const name = streamName(streamOptions.getStreamIdentifier());
    const stream = log.stream(name);
    if (!stream) {
      await send(call, streamNotFoundResponse(name));
      return void call.end();
    }
    events = streamEvents(stream, streamOptions, backwards);
  } else {
    events = allEvents(log, options.getAll(), backwards);
  }
  let sent = 0;
  for (const event of events) {
    if (sent >= count || !isOpen(call)) break;
    if (filter && !filter.matches(event)) continue;
    await send(call, eventResponse(event, encoding));
    sent++;
  }
  if (isOpen(call)) call.end();
}

function* streamEvents(
  stream: readonly StoredEvent[],
  options: ReadReq.Options.StreamOptions,
  backwards: boolean,
): Generator<StoredEvent> {
  const Case = ReadReq.Options.StreamOptions.RevisionOptionCase;
  const revision =
    options.getRevisionOptionCase() === Case.REVISION ? Number(options.getRevision()) : null;
  const atEnd = options.getRevisionOptionCase() === Case.END;
  if (backwards) {
    const from = atEnd ? stream.length - 1 : Math.min(revision ?? 0, stream.length - 1);
    for (let i = from; i >= 0; i--) yield stream[i]!;
  } else {
    for (let i = atEnd ? stream.length : (revision ?? 0); i < stream.length; i++) yield stream[i]!;
  }
}

function* allEvents(
  log: InMemoryLog,
  options: ReadReq.Options.AllOptions | undefined,
  backwards: boolean,
): Generator<StoredEvent> {
  const Case = ReadReq.Options.AllOptions.AllOptionCase;
  const position = options?.getPosition();
  let first: number;
  const all = log.all;
  if (position) first = log.firstIndexAtOrAfter(BigInt(position.getCommitPosition()));
  else first = options?.getAllOptionCase() === Case.END ? all.length : 0;
  if (backwards) {
    const from = options?.getAllOptionCase() === Case.START ? -1 : first - 1;
    for (let i = from; i >= 0; i--) yield all[i]!;
  } else {
    for (let i = first; i < all.length; i++) yield all[i]!;
  }
}
