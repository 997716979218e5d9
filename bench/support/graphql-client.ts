/** A GraphQL call over HTTP for a benchmark's set-up; GraphQL errors throw. */
export interface Gql {
  <T>(query: string, variables?: Record<string, unknown>, token?: string): Promise<T>;
}

export function graphqlClient(url: string): Gql {
  return async <T>(query: string, variables: Record<string, unknown> = {}, token?: string) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: T | null; errors?: unknown[] };
    if (body.errors?.length || !body.data) {
      throw new Error(`GraphQL error: ${JSON.stringify(body.errors ?? body)}`);
    }
    return body.data;
  };
}
