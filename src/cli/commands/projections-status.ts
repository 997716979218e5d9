import { projections } from '../../projections/registry';
import { projectionStatuses, type ProjectionStatus } from '../../projections/runtime/status';
import { type CliConnection } from '../connect';
import { formatCount, formatTable } from '../output';

/** `chronocart projections status` */
export function projectionsStatus(connection: CliConnection): Promise<ProjectionStatus[]> {
  return projectionStatuses(connection, projections);
}

export function formatStatuses(statuses: readonly ProjectionStatus[]): string {
  const rows = statuses.map((s) => [
    s.name,
    String(s.version),
    s.state,
    s.position ?? '-',
    formatCount(s.lagEvents),
    s.lagMs === null ? '-' : formatCount(s.lagMs),
    s.error ?? '',
  ]);
  return formatTable(['NAME', 'VERSION', 'STATE', 'POSITION', 'LAG', 'LAG MS', 'ERROR'], rows);
}
