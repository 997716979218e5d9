/**
 * TEST CODE. Conversions between the test server's stored events and the protobuf messages of
 * EventStoreDB's gRPC API (generated classes shipped in @eventstore/db-client).
 */
import { randomUUID } from 'node:crypto';
import { Empty as GoogleEmpty } from 'google-protobuf/google/protobuf/empty_pb';
import {
  Empty,
  StreamIdentifier,
  UUID,
  WrongExpectedVersion,
} from '@eventstore/db-client/generated/shared_pb';
import { ReadResp } from '@eventstore/db-client/generated/streams_pb';
import {
  type CurrentRevision,
  type ExpectedRevision,
  type ProposedEvent,
  type StoredEvent,
} from './in-memory-log';

/** What AppendReq.ProposedMessage and BatchAppendReq.ProposedMessage have in common. */
interface ProposedMessage {
  getId(): UUID | undefined;
  getMetadataMap(): { get(key: string): string | undefined };
  getData_asU8(): Uint8Array;
  getCustomMetadata_asU8(): Uint8Array;
}

export function streamName(identifier: StreamIdentifier | undefined): string {
  return Buffer.from(identifier?.getStreamName_asU8() ?? new Uint8Array()).toString('utf8');
}

export function streamIdentifier(name: string): StreamIdentifier {
  return new StreamIdentifier().setStreamName(Uint8Array.from(Buffer.from(name, 'utf8')));
}

export function toProposedEvent(message: ProposedMessage): ProposedEvent {
  const metadata = message.getMetadataMap();
  return {
    id: parseUuid(message.getId()),
    type: metadata.get('type') ?? '',
    contentType: metadata.get('content-type') ?? 'application/octet-stream',
    data: message.getData_asU8(),
    customMetadata: message.getCustomMetadata_asU8(),
  };
}

function parseUuid(uuid: UUID | undefined): string {
  const structured = uuid?.getStructured();
  if (!structured) return uuid?.getString() || randomUUID();
  const hex = [structured.getMostSignificantBits(), structured.getLeastSignificantBits()]
    .map((bits) => BigInt.asUintN(64, BigInt(bits)).toString(16).padStart(16, '0'))
    .join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The client asks for ids as strings; EventStoreDB can also send them as two signed int64s. */
function toUuid(id: string, structured: boolean): UUID {
  if (!structured) return new UUID().setString(id);
  const hex = id.replace(/-/g, '');
  const bits = (part: string) => BigInt.asIntN(64, BigInt(`0x${part}`)).toString();
  return new UUID().setStructured(
    new UUID.Structured()
      .setMostSignificantBits(bits(hex.slice(0, 16)))
      .setLeastSignificantBits(bits(hex.slice(16))),
  );
}

export interface EventEncoding {
  structuredUuids: boolean;
  /** Reads of $all carry the commit position on the outer message; stream reads do not. */
  withCommitPosition: boolean;
}

export function eventResponse(event: StoredEvent, encoding: EventEncoding): ReadResp {
  const recorded = new ReadResp.ReadEvent.RecordedEvent()
    .setId(toUuid(event.id, encoding.structuredUuids))
    .setStreamIdentifier(streamIdentifier(event.streamId))
    .setStreamRevision(event.revision.toString())
    .setCommitPosition(event.position.toString())
    .setPreparePosition(event.position.toString())
    .setData(event.data)
    .setCustomMetadata(event.customMetadata);
  recorded
    .getMetadataMap()
    .set('type', event.type)
    .set('content-type', event.contentType)
    .set('created', event.created.toString());
  const read = new ReadResp.ReadEvent().setEvent(recorded);
  if (encoding.withCommitPosition) read.setCommitPosition(event.position.toString());
  else read.setNoPosition(new Empty());
  return new ReadResp().setEvent(read);
}

export function confirmationResponse(): ReadResp {
  return new ReadResp().setConfirmation(
    new ReadResp.SubscriptionConfirmation().setSubscriptionId(randomUUID()),
  );
}

export function checkpointResponse(position: bigint): ReadResp {
  return new ReadResp().setCheckpoint(
    new ReadResp.Checkpoint()
      .setCommitPosition(position.toString())
      .setPreparePosition(position.toString()),
  );
}

export function caughtUpResponse(): ReadResp {
  return new ReadResp().setCaughtUp(new ReadResp.CaughtUp());
}

export function streamNotFoundResponse(name: string): ReadResp {
  return new ReadResp().setStreamNotFound(
    new ReadResp.StreamNotFound().setStreamIdentifier(streamIdentifier(name)),
  );
}

/** The details BatchAppend packs into its error status (shared.proto WrongExpectedVersion). */
export function wrongExpectedVersionDetails(
  expected: ExpectedRevision,
  current: CurrentRevision,
): WrongExpectedVersion {
  const details = new WrongExpectedVersion();
  if (current === 'no_stream') details.setCurrentNoStream(new GoogleEmpty());
  else details.setCurrentStreamRevision(current.toString());
  switch (expected.kind) {
    case 'any':
      return details.setExpectedAny(new GoogleEmpty());
    case 'no_stream':
      return details.setExpectedNoStream(new GoogleEmpty());
    case 'stream_exists':
      return details.setExpectedStreamExists(new GoogleEmpty());
    case 'revision':
      return details.setExpectedStreamPosition(expected.revision.toString());
  }
}
