import { type ApolloServer, type BaseContext, HeaderMap } from '@apollo/server';
import type http from 'node:http';

/** A connect-style middleware, as helmet, cors and body-parser are. */
export type Middleware = (
  req: http.IncomingMessage,
  res: http.ServerResponse,
  next: (error?: unknown) => void,
) => void;

export interface GraphQLPostOptions<C extends BaseContext> {
  apollo: ApolloServer<C>;
  /** Run in order before Apollo: the same instances the Express app runs. */
  middlewares: Middleware[];
  context(req: http.IncomingMessage): Promise<C>;
  /** Answers a middleware's or Apollo's failure (a malformed body, say). */
  onError(error: unknown, res: http.ServerResponse): void;
}

const PATH = '/graphql';

/** A GraphQL operation sent as a POST to the API's path: the requests the API mostly serves. */
export function isGraphQLPost(req: http.IncomingMessage): boolean {
  if (req.method !== 'POST' || !req.url?.startsWith(PATH)) return false;
  const rest = req.url.slice(PATH.length);
  return rest === '' || rest.startsWith('?');
}

/**
 * POST /graphql served by Apollo on node:http, the way Apollo Server's own standalone server
 * does (cors, body-parser, executeHTTPGraphQLRequest), rather than through Express: Express's
 * router and request/response prototypes measured at about as much CPU per request as Apollo
 * itself, and a flash sale is that request a thousand times a second. The other routes, and
 * any other /graphql request, stay on Express.
 */
export function graphqlPostHandler<C extends BaseContext>(
  options: GraphQLPostOptions<C>,
): (req: http.IncomingMessage, res: http.ServerResponse) => void {
  const { apollo, middlewares } = options;
  const onError = (error: unknown, res: http.ServerResponse) => options.onError(error, res);
  const execute = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const url = req.url ?? PATH;
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: 'POST',
        headers,
        search: url.slice(PATH.length),
        body: (req as { body?: unknown }).body,
      },
      context: () => options.context(req),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
  return (req, res) => {
    const run = (i: number): void => {
      const middleware = middlewares[i];
      if (!middleware) {
        execute(req, res).catch((error: unknown) => onError(error, res));
        return;
      }
      try {
        middleware(req, res, (error) => (error ? onError(error, res) : run(i + 1)));
      } catch (error) {
        // Express catches a middleware that throws; so must we, or the process goes down.
        onError(error, res);
      }
    };
    run(0);
  };
}
