import { findProjection, projectionNames, projections } from '../../projections/registry';
import { type Projection } from '../../projections/runtime/projection';
import { rebuildProjection } from '../../projections/runtime/rebuild';
import { buildSnapshot } from '../../projections/runtime/snapshot';
import { CliError } from '../cli-error';
import { type CliConnection } from '../connect';
import { formatCount } from '../output';
import { parseInstant } from './orders-show';

export interface RebuildCommandOptions {
  /** Build the tables as they stood at this ISO time into `schema`. */
  asOf?: string;
  /** Build the tables up to this log position into `schema`. */
  toPosition?: string;
  /** A new side schema for an audit build; the live tables are left alone. */
  schema?: string;
  /** Events per batch. */
  batchSize?: string;
}

export interface RebuildHooks {
  signal?: AbortSignal;
  onProgress?: (label: string, applied: number, total: number) => void;
  onDone?: (label: string) => void;
}

export interface RebuiltProjection {
  projection: string;
  version: number;
  events: number;
  position: string | null;
  durationMs: number;
  eventsPerSecond: number;
}

export interface AuditBuild {
  schema: string;
  projections: string[];
  asOf: string | null;
  toPosition: string | null;
  events: number;
  position: string | null;
  durationMs: number;
  eventsPerSecond: number;
}

export type RebuildOutcome =
  { kind: 'rebuilt'; rebuilt: RebuiltProjection[] } | { kind: 'audit'; audit: AuditBuild };

const rate = (events: number, ms: number) => Math.round(events / Math.max(ms / 1000, 0.001));

/**
 * `chronocart projections rebuild <name|all>`: rebuilds into new tables and swaps them in; with
 * `--as-of` / `--to-position` (and `--schema`) builds the past into a side schema instead.
 */
export async function projectionsRebuild(
  connection: CliConnection,
  target: string,
  options: RebuildCommandOptions = {},
  hooks: RebuildHooks = {},
): Promise<RebuildOutcome> {
  const selected = selectProjections(target);
  const batchSize = parseBatchSize(options.batchSize);
  if (options.asOf !== undefined && options.toPosition !== undefined) {
    throw new CliError('give --as-of or --to-position, not both');
  }
  const audit =
    options.asOf !== undefined || options.toPosition !== undefined || options.schema !== undefined;
  if (audit) {
    if (options.schema === undefined) {
      throw new CliError('--as-of and --to-position build into a side schema: add --schema <name>');
    }
    const asOf = options.asOf === undefined ? undefined : parseInstant(options.asOf);
    if (options.toPosition !== undefined && !LOG_POSITION.test(options.toPosition)) {
      throw new CliError(
        `--to-position must be a log position as \`orders history\` or \`projections status\` prints it, two 20-digit numbers (got "${options.toPosition}")`,
      );
    }
    const label = `${target} → ${options.schema}`;
    const result = await buildSnapshot(connection, selected, {
      schema: options.schema,
      asOf,
      toPosition: options.toPosition,
      batchSize,
      signal: hooks.signal,
      onProgress: (p) => hooks.onProgress?.(label, p.applied, p.total),
    });
    hooks.onDone?.(label);
    return {
      kind: 'audit',
      audit: {
        ...result,
        asOf: asOf?.toISOString() ?? null,
        toPosition: options.toPosition ?? null,
        eventsPerSecond: rate(result.events, result.durationMs),
      },
    };
  }
  const rebuilt: RebuiltProjection[] = [];
  for (const projection of selected) {
    const result = await rebuildProjection(connection, projection, {
      batchSize,
      signal: hooks.signal,
      onProgress: (p) => hooks.onProgress?.(projection.name, p.applied, p.total),
    });
    hooks.onDone?.(projection.name);
    rebuilt.push({ ...result, eventsPerSecond: rate(result.events, result.durationMs) });
  }
  return { kind: 'rebuilt', rebuilt };
}

/** Both event stores write positions so (see their position.ts); they compare as strings. */
const LOG_POSITION = /^\d{20}-\d{20}$/;

function selectProjections(target: string): readonly Projection[] {
  if (target === 'all') return projections;
  const projection = findProjection(target);
  if (!projection) {
    throw new CliError(
      `unknown projection "${target}" (one of: ${projectionNames().join(', ')}, all)`,
    );
  }
  return [projection];
}

function parseBatchSize(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 100_000) {
    throw new CliError(`--batch-size must be a whole number from 1 to 100000 (got "${text}")`);
  }
  return n;
}

export function formatRebuild(outcome: RebuildOutcome): string {
  if (outcome.kind === 'audit') {
    const a = outcome.audit;
    const at = a.asOf ? ` as of ${a.asOf}` : a.toPosition ? ` up to ${a.toPosition}` : '';
    return (
      `built ${a.projections.join(', ')}${at} into schema ${a.schema}: ` +
      `${formatCount(a.events)} events in ${(a.durationMs / 1000).toFixed(1)} s ` +
      `(${formatCount(a.eventsPerSecond)} events/s)\n`
    );
  }
  return outcome.rebuilt
    .map(
      (r) =>
        `rebuilt ${r.projection} v${r.version}: ${formatCount(r.events)} events in ` +
        `${(r.durationMs / 1000).toFixed(1)} s (${formatCount(r.eventsPerSecond)} events/s), ` +
        `at ${r.position ?? 'the start of the log'}\n`,
    )
    .join('');
}
