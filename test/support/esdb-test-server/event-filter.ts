/**
 * TEST CODE. The server-side filter of a $all read or subscription (ReadReq.Options.FilterOptions):
 * on stream name or event type, by regular expression or prefixes, with its checkpoint interval.
 */
import { ReadReq } from '@eventstore/db-client/generated/streams_pb';
import { type StoredEvent } from './in-memory-log';

export interface EventFilter {
  matches(event: StoredEvent): boolean;
  /** A filtered subscription reports a checkpoint after this many events looked at. */
  checkpointEvery: number;
}

/** EventStoreDB's search window when the client does not set `max`. */
const DEFAULT_SEARCH_WINDOW = 32;

/** @throws SyntaxError when the regular expression is invalid */
export function eventFilter(options: ReadReq.Options): EventFilter | null {
  const filter = options.getFilter();
  if (!filter) return null;
  const onStream =
    filter.getFilterCase() === ReadReq.Options.FilterOptions.FilterCase.STREAM_IDENTIFIER;
  const expression = onStream ? filter.getStreamIdentifier() : filter.getEventType();
  const source = expression?.getRegex() ?? '';
  const regex = source === '' ? null : new RegExp(source);
  const prefixes = expression?.getPrefixList() ?? [];
  const window =
    filter.getWindowCase() === ReadReq.Options.FilterOptions.WindowCase.MAX
      ? filter.getMax()
      : DEFAULT_SEARCH_WINDOW;
  return {
    matches(event) {
      const value = onStream ? event.streamId : event.type;
      if (regex) return regex.test(value);
      return prefixes.length === 0 || prefixes.some((prefix) => value.startsWith(prefix));
    },
    checkpointEvery: Math.max(1, filter.getCheckpointintervalmultiplier()) * Math.max(1, window),
  };
}
