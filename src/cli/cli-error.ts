/** A failure the user can act on: printed as one line, exit status 1. */
export class CliError extends Error {
  override readonly name = 'CliError';
}

/** One line for any failure; never a stack trace. */
export function describeFailure(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) {
    return describeFailure(error.errors[0]);
  }
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const message = error.message.split('\n')[0] ?? '';
    if (message) return message;
    return typeof code === 'string' ? code : error.name;
  }
  return String(error);
}
