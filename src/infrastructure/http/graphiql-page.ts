import express from 'express';
import path from 'node:path';
import { GRAPHIQL_BOOT_SCRIPT } from './graphiql-boot';

/** The browser files GraphiQL needs, served from their npm packages: no CDN, works offline. */
const ASSETS: Record<string, [pkg: string, file: string]> = {
  'react.js': ['react', 'umd/react.production.min.js'],
  'react-dom.js': ['react-dom', 'umd/react-dom.production.min.js'],
  'graphiql.js': ['graphiql', 'graphiql.min.js'],
  'graphiql.css': ['graphiql', 'graphiql.min.css'],
  'graphql-ws.js': ['graphql-ws', 'umd/graphql-ws.min.js'],
};

export const GRAPHIQL_ASSETS_PATH = '/graphiql-assets';

export function graphiqlAssets(): express.Router {
  const router = express.Router();
  for (const [name, [pkg, file]] of Object.entries(ASSETS)) {
    // The packages' export maps hide these files from require.resolve; their folders do not.
    const resolved = path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);
    router.get(`/${name}`, (_req, res) => res.sendFile(resolved, { maxAge: '1d' }));
  }
  router.get('/boot.js', (_req, res) => res.type('js').send(GRAPHIQL_BOOT_SCRIPT));
  return router;
}

/** GraphiQL on the same path as the API; subscriptions go over graphql-ws to the same URL. */
export function graphiqlPage(): string {
  const asset = (name: string) => `${GRAPHIQL_ASSETS_PATH}/${name}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Chronocart GraphiQL</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${asset('graphiql.css')}">
<style>body { margin: 0; height: 100vh; } #graphiql { height: 100vh; }</style>
</head>
<body>
<div id="graphiql">Loading GraphiQL…</div>
<script src="${asset('react.js')}"></script>
<script src="${asset('react-dom.js')}"></script>
<script src="${asset('graphql-ws.js')}"></script>
<script src="${asset('graphiql.js')}"></script>
<script src="${asset('boot.js')}"></script>
</body>
</html>`;
}
