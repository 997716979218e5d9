/** Placeholder replaced by the GraphiQL bundle from npm assets. */
export function graphiqlPage(): string {
  return '<!doctype html><title>Chronocart GraphiQL</title><p>GraphiQL</p>';
}
