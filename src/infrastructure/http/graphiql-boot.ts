/**
 * The script that starts GraphiQL, served as a file of its own: the CSP allows scripts from our
 * origin only, so an inline one would never run.
 */
export const GRAPHIQL_BOOT_SCRIPT = `(function () {
  var url = new URL('/graphql', window.location.href);
  var wsUrl = url.href.replace(/^http/, 'ws');
  function authorization() {
    try { return JSON.parse(localStorage.getItem('graphiql:headers') || '{}').Authorization; } catch (e) { return undefined; }
  }
  var wsClient = graphqlWs.createClient({ url: wsUrl, lazy: true, connectionParams: function () { return { authorization: authorization() }; } });
  var fetcher = GraphiQL.createFetcher({ url: url.href, wsClient: wsClient });
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, { fetcher: fetcher, defaultEditorToolsVisibility: true, shouldPersistHeaders: true })
  );
})();
`;
