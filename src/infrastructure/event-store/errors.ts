export type ActualRevision = number | 'no_stream';

export class WrongExpectedVersion extends Error {
  override readonly name = 'WrongExpectedVersion';
  constructor(
    readonly streamId: string,
    readonly expected: string | number,
    readonly actual: ActualRevision,
  ) {
    super(`Wrong expected version for ${streamId}: expected ${expected}, actual ${actual}`);
  }
}

export class StreamNotFound extends Error {
  override readonly name = 'StreamNotFound';
  constructor(readonly streamId: string) {
    super(`Stream ${streamId} not found`);
  }
}
