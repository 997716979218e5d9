/**
 * TEST CODE. Streams.Append (client-streaming: options, then one message per event) and
 * Streams.BatchAppend (bidirectional: chunks keyed by correlation id, the last one `is_final`),
 * answering as EventStoreDB does: a wrong expected version is a result of Append, and an error
 * status with WrongExpectedVersion details for BatchAppend.
 */
import {
  type handleBidiStreamingCall,
  type handleClientStreamingCall,
  type ServerDuplexStream,
  status,
} from '@grpc/grpc-js';
import { Any } from 'google-protobuf/google/protobuf/any_pb';
import { Empty as GoogleEmpty } from 'google-protobuf/google/protobuf/empty_pb';
import { Code } from '@eventstore/db-client/generated/code_pb';
import { AllStreamPosition, BadRequest, Empty } from '@eventstore/db-client/generated/shared_pb';
import { Status } from '@eventstore/db-client/generated/status_pb';
import {
  AppendReq,
  AppendResp,
  BatchAppendReq,
  BatchAppendResp,
} from '@eventstore/db-client/generated/streams_pb';
import {
  type AppendOutcome,
  type ExpectedRevision,
  type InMemoryLog,
  type ProposedEvent,
} from './in-memory-log';
import { streamIdentifier, streamName, toProposedEvent, wrongExpectedVersionDetails } from './wire';

export function appendHandler(log: InMemoryLog): handleClientStreamingCall<AppendReq, AppendResp> {
  return (call, callback) => {
    let options: AppendReq.Options | undefined;
    const proposed: ProposedEvent[] = [];
    call.on('data', (request: AppendReq) => {
      options = request.getOptions() ?? options;
      const message = request.getProposedMessage();
      if (message) proposed.push(toProposedEvent(message));
    });
    call.on('end', () => {
      if (!options) return callback({ code: status.INVALID_ARGUMENT, details: 'Options expected' });
      const expected = appendExpected(options);
      const outcome = log.append(streamName(options.getStreamIdentifier()), expected, proposed);
      callback(null, appendResponse(expected, outcome));
    });
  };
}

function appendExpected(options: AppendReq.Options): ExpectedRevision {
  switch (options.getExpectedStreamRevisionCase()) {
    case AppendReq.Options.ExpectedStreamRevisionCase.REVISION:
      return { kind: 'revision', revision: BigInt(options.getRevision()) };
    case AppendReq.Options.ExpectedStreamRevisionCase.NO_STREAM:
      return { kind: 'no_stream' };
    case AppendReq.Options.ExpectedStreamRevisionCase.STREAM_EXISTS:
      return { kind: 'stream_exists' };
    case AppendReq.Options.ExpectedStreamRevisionCase.ANY:
    case AppendReq.Options.ExpectedStreamRevisionCase.EXPECTED_STREAM_REVISION_NOT_SET:
      return { kind: 'any' };
  }
}

function appendResponse(expected: ExpectedRevision, outcome: AppendOutcome): AppendResp {
  if (!outcome.ok) {
    const wrong = new AppendResp.WrongExpectedVersion();
    if (outcome.current === 'no_stream') wrong.setCurrentNoStream(new Empty());
    else wrong.setCurrentRevision(outcome.current.toString());
    if (expected.kind === 'revision') wrong.setExpectedRevision(expected.revision.toString());
    else if (expected.kind === 'no_stream') wrong.setExpectedNoStream(new Empty());
    else if (expected.kind === 'stream_exists') wrong.setExpectedStreamExists(new Empty());
    else wrong.setExpectedAny(new Empty());
    return new AppendResp().setWrongExpectedVersion(wrong);
  }
  const success = new AppendResp.Success();
  if (outcome.current === 'no_stream') success.setNoStream(new Empty());
  else success.setCurrentRevision(outcome.current.toString());
  if (outcome.position === null) success.setNoPosition(new Empty());
  else
    success.setPosition(
      new AppendResp.Position()
        .setCommitPosition(outcome.position.toString())
        .setPreparePosition(outcome.position.toString()),
    );
  return new AppendResp().setSuccess(success);
}

interface PendingBatch {
  options: BatchAppendReq.Options | undefined;
  proposed: ProposedEvent[];
}

export function batchAppendHandler(
  log: InMemoryLog,
): handleBidiStreamingCall<BatchAppendReq, BatchAppendResp> {
  return (call) => {
    // One long-lived call carries many appends, possibly interleaved, each split in chunks.
    const pending = new Map<string, PendingBatch>();
    call.on('data', (request: BatchAppendReq) => {
      const correlationId = request.getCorrelationId();
      const key = correlationId?.getString() ?? '';
      const batch = pending.get(key) ?? { options: undefined, proposed: [] };
      batch.options = request.getOptions() ?? batch.options;
      batch.proposed.push(...request.getProposedMessagesList().map(toProposedEvent));
      pending.set(key, batch);
      if (!request.getIsFinal()) return;
      pending.delete(key);
      const response = batchResponse(log, batch).setCorrelationId(correlationId);
      reply(call, response);
    });
    call.on('end', () => call.end());
  };
}

function reply(
  call: ServerDuplexStream<BatchAppendReq, BatchAppendResp>,
  response: BatchAppendResp,
) {
  if (!call.cancelled && call.writable) call.write(response);
}

function batchResponse(log: InMemoryLog, batch: PendingBatch): BatchAppendResp {
  const { options } = batch;
  if (!options) {
    return new BatchAppendResp().setError(
      errorStatus(
        Code.INVALID_ARGUMENT,
        new BadRequest().setMessage('Options expected'),
        'BadRequest',
      ),
    );
  }
  const stream = streamName(options.getStreamIdentifier());
  const expected = batchExpected(options);
  const outcome = log.append(stream, expected, batch.proposed);
  const response = new BatchAppendResp().setStreamIdentifier(streamIdentifier(stream));
  if (expected.kind === 'revision') response.setStreamPosition(expected.revision.toString());
  else if (expected.kind === 'no_stream') response.setNoStream(new GoogleEmpty());
  else if (expected.kind === 'stream_exists') response.setStreamExists(new GoogleEmpty());
  else response.setAny(new GoogleEmpty());
  if (!outcome.ok) {
    const details = wrongExpectedVersionDetails(expected, outcome.current);
    return response.setError(
      errorStatus(Code.FAILED_PRECONDITION, details, 'WrongExpectedVersion'),
    );
  }
  const success = new BatchAppendResp.Success();
  if (outcome.current === 'no_stream') success.setNoStream(new GoogleEmpty());
  else success.setCurrentRevision(outcome.current.toString());
  if (outcome.position === null) success.setNoPosition(new GoogleEmpty());
  else
    success.setPosition(
      new AllStreamPosition()
        .setCommitPosition(outcome.position.toString())
        .setPreparePosition(outcome.position.toString()),
    );
  return response.setSuccess(success);
}

function batchExpected(options: BatchAppendReq.Options): ExpectedRevision {
  switch (options.getExpectedStreamPositionCase()) {
    case BatchAppendReq.Options.ExpectedStreamPositionCase.STREAM_POSITION:
      return { kind: 'revision', revision: BigInt(options.getStreamPosition()) };
    case BatchAppendReq.Options.ExpectedStreamPositionCase.NO_STREAM:
      return { kind: 'no_stream' };
    case BatchAppendReq.Options.ExpectedStreamPositionCase.STREAM_EXISTS:
      return { kind: 'stream_exists' };
    case BatchAppendReq.Options.ExpectedStreamPositionCase.ANY:
    case BatchAppendReq.Options.ExpectedStreamPositionCase.EXPECTED_STREAM_POSITION_NOT_SET:
      return { kind: 'any' };
  }
}

/** google.rpc.Status whose details the client unpacks by the `event_store.client.*` type name. */
function errorStatus(
  code: Code,
  details: { serializeBinary(): Uint8Array },
  typeName: string,
): Status {
  const any = new Any();
  any.pack(details.serializeBinary(), `event_store.client.${typeName}`);
  return new Status().setCode(code).setMessage(typeName).setDetails(any);
}
