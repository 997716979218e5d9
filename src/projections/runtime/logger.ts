/** What the runtime logs through; pino's logger fits, as does a silent stub. */
export interface ProjectionLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const silentLogger: ProjectionLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
