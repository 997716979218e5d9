import { type Position } from '@eventstore/db-client';

/**
 * A position in EventStoreDB's $all is (commit, prepare), two uint64s. Both parts are padded to
 * 20 digits (the width of 2^64 - 1) so that plain string comparison follows log order.
 */
const WIDTH = 20;
const PATTERN = /^(\d{20})-(\d{20})$/;

export const encodePosition = (p: Position): string =>
  `${p.commit.toString().padStart(WIDTH, '0')}-${p.prepare.toString().padStart(WIDTH, '0')}`;

/** @throws InvalidEsdbPosition when the string is not a position of this store */
export function decodePosition(position: string): Position {
  const match = PATTERN.exec(position);
  if (!match) throw new InvalidEsdbPosition(position);
  return { commit: BigInt(match[1]!), prepare: BigInt(match[2]!) };
}

export class InvalidEsdbPosition extends Error {
  override readonly name = 'InvalidEsdbPosition';
  constructor(readonly position: string) {
    super(`Not an EventStoreDB log position: ${position}`);
  }
}
