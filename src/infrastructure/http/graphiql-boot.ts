/**
 * The script that starts GraphiQL, served as a file of its own: the CSP allows scripts from our
 * origin only, so an inline one would never run. Subscriptions send the headers of GraphiQL's
 * headers pane as connectionParams, where the server finds `authorization` in any spelling.
 */
export const GRAPHIQL_BOOT_SCRIPT = `(function () {
  var url = new URL('/graphql', window.location.href);
  var wsUrl = url.href.replace(/^http/, 'ws');
  function headers() {
    try {
      var stored = JSON.parse(localStorage.getItem('graphiql:headers') || '{}');
      return stored !== null && typeof stored === 'object' && !Array.isArray(stored) ? stored : {};
    } catch (e) {
      return {};
    }
  }
  var wsClient = graphqlWs.createClient({ url: wsUrl, lazy: true, connectionParams: headers });
  var fetcher = GraphiQL.createFetcher({ url: url.href, wsClient: wsClient });
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, { fetcher: fetcher, defaultEditorToolsVisibility: true, shouldPersistHeaders: true })
  );
})();
`;
