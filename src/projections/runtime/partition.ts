import { type RecordedEvent } from '../../infrastructure/event-store/event-store';

/** Splits events into at most `count` groups by partition key, each group in log order. */
export function partitioned(
  events: readonly RecordedEvent[],
  partitionOf: (event: RecordedEvent) => string,
  count: number,
): RecordedEvent[][] {
  const groups: RecordedEvent[][] = Array.from({ length: count }, () => []);
  for (const event of events) groups[hash(partitionOf(event)) % count]!.push(event);
  return groups.filter((group) => group.length > 0);
}

/** FNV-1a: cheap and well spread over ids. */
function hash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
