/**
 * TEST CODE. Writing to and failing a server-streaming gRPC call of the test server.
 */
import { type ServerWritableStream, type status } from '@grpc/grpc-js';

/** Resolves once the message is buffered (or the call is gone), so slow readers slow us down. */
export function send<Req, Resp>(
  call: ServerWritableStream<Req, Resp>,
  message: Resp,
): Promise<void> {
  if (!isOpen(call) || call.write(message)) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      call.off('drain', done);
      call.off('cancelled', done);
      call.off('close', done);
      resolve();
    };
    call.on('drain', done);
    call.on('cancelled', done);
    call.on('close', done);
  });
}

export function isOpen<Req, Resp>(call: ServerWritableStream<Req, Resp>): boolean {
  return !call.cancelled && !call.writableEnded && !call.destroyed;
}

/** Ends the call with a gRPC status, the way grpc-js expects a handler to report failure. */
export function fail<Req, Resp>(
  call: ServerWritableStream<Req, Resp>,
  code: status,
  details: string,
): void {
  if (isOpen(call)) call.emit('error', Object.assign(new Error(details), { code, details }));
}
