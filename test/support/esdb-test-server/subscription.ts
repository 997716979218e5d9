/**
 * TEST CODE. Subscriptions on Streams.Read, as EventStoreDB serves them: a confirmation first,
 * then the catch-up events, a `caught_up` message, then live events as they are appended. A
 * filtered $all subscription also reports checkpoints as it searches. Subscriptions to $all start
 * after the given position, subscriptions to a stream after the given revision.
 */
import { type ServerWritableStream, type status } from '@grpc/grpc-js';
import { ReadReq, type ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { fail, isOpen, send } from './call-io';
import { type EventFilter } from './event-filter';
import { type InMemoryLog, type StoredEvent } from './in-memory-log';
import {
  caughtUpResponse,
  checkpointResponse,
  confirmationResponse,
  type EventEncoding,
  eventResponse,
  streamName,
} from './wire';

/** The subscriptions being served, so a test can make the server drop them. */
export class LiveCalls {
  private readonly drops = new Set<(code: status, details: string) => void>();

  get size(): number {
    return this.drops.size;
  }

  add(drop: (code: status, details: string) => void): () => void {
    this.drops.add(drop);
    return () => this.drops.delete(drop);
  }

  dropAll(code: status, details: string): number {
    const drops = [...this.drops];
    this.drops.clear();
    for (const drop of drops) drop(code, details);
    return drops.length;
  }
}

export async function serveSubscription(
  log: InMemoryLog,
  live: LiveCalls,
  call: ServerWritableStream<ReadReq, ReadResp>,
  options: ReadReq.Options,
  filter: EventFilter | null,
  encoding: EventEncoding,
): Promise<void> {
  let wake: () => void = () => undefined;
  let stopped = false;
  const stop = () => {
    stopped = true;
    wake();
  };
  call.on('cancelled', stop);
  call.on('close', stop);
  const unregister = live.add((code, details) => {
    stop();
    fail(call, code, details);
  });
  const offAppend = log.onAppend(() => wake());
  try {
    const streamOptions = options.getStream();
    const name = streamOptions ? streamName(streamOptions.getStreamIdentifier()) : null;
    const source = (): readonly StoredEvent[] =>
      name === null ? log.all : (log.stream(name) ?? []);
    let next =
      name === null ? allStart(log, options.getAll()) : streamStart(source(), streamOptions);
    // Only $all subscriptions are filtered; EventStoreDB ignores a filter on a stream.
    const applied = name === null ? filter : null;
    let searched = 0;
    let caughtUp = false;
    await send(call, confirmationResponse());
    for (;;) {
      let events = source();
      while (!stopped && next < events.length) {
        const event = events[next++]!;
        searched++;
        if (!applied || applied.matches(event)) await send(call, eventResponse(event, encoding));
        if (applied && searched % applied.checkpointEvery === 0) {
          await send(call, checkpointResponse(event.position));
        }
        events = source();
      }
      if (stopped || !isOpen(call)) return;
      if (!caughtUp) {
        caughtUp = true;
        await send(call, caughtUpResponse());
        continue;
      }
      // Nothing was awaited since the length check above, so no append can be missed here.
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    unregister();
    offAppend();
  }
}

function allStart(log: InMemoryLog, options: ReadReq.Options.AllOptions | undefined): number {
  const position = options?.getPosition();
  if (position) {
    return log.firstIndexAtOrAfter(BigInt(position.getCommitPosition()) + 1n);
  }
  return options?.getAllOptionCase() === ReadReq.Options.AllOptions.AllOptionCase.END
    ? log.all.length
    : 0;
}

function streamStart(
  stream: readonly StoredEvent[],
  options: ReadReq.Options.StreamOptions | undefined,
): number {
  const Case = ReadReq.Options.StreamOptions.RevisionOptionCase;
  switch (options?.getRevisionOptionCase()) {
    case Case.REVISION:
      return Number(options.getRevision()) + 1;
    case Case.END:
      return stream.length;
    case Case.START:
    case Case.REVISION_OPTION_NOT_SET:
    case undefined:
      return 0;
  }
}
