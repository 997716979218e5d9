/**
 * TEST CODE: a wire-level EventStoreDB test server, not a database. It serves, in memory, the
 * gRPC calls that @eventstore/db-client makes (ServerFeatures.GetSupportedMethods,
 * Streams.Append, Streams.BatchAppend, Streams.Read for reads and subscriptions) on the service
 * definitions generated into that package, so the EventStoreDB adapter can be tested where
 * EventStoreDB itself cannot run. Nothing is persisted; anything else answers UNIMPLEMENTED.
 */
import { randomUUID } from 'node:crypto';
import { Server, ServerCredentials, status } from '@grpc/grpc-js';
import {
  type IServerFeaturesServer,
  ServerFeaturesService,
} from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import {
  SupportedMethod,
  SupportedMethods,
} from '@eventstore/db-client/generated/serverfeatures_pb';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import { appendHandler, batchAppendHandler } from './append-handlers';
import { InMemoryLog } from './in-memory-log';
import { readHandler } from './read-handler';
import { LiveCalls } from './subscription';

export interface EsdbTestServerOptions {
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Offer BatchAppend, as EventStoreDB 21.10 and later do; without it the client uses Append. */
  batchAppend?: boolean;
}

export interface EsdbTestServer {
  readonly port: number;
  /** For `EventStoreDBClient.connectionString`. */
  readonly connectionString: string;
  readonly log: InMemoryLog;
  /**
   * Ends every open subscription with an error. By default as EventStoreDB drops a consumer that
   * fell behind (ABORTED, which the client reports as a timeout); UNAVAILABLE is what a restart
   * looks like, and makes the client reconnect its channel, failing its other calls in flight.
   */
  dropSubscriptions(code?: status, details?: string): number;
  /** How many subscriptions are being served now. */
  openSubscriptions(): number;
  close(): Promise<void>;
}

const SERVER_VERSION = '23.10.0';
const CONSUMER_TOO_SLOW =
  'Consumer too slow to handle event while live. Client resubscription required.';

export async function startEsdbTestServer(
  options: EsdbTestServerOptions = {},
): Promise<EsdbTestServer> {
  const host = options.host ?? '127.0.0.1';
  const batchAppend = options.batchAppend ?? true;
  const log = new InMemoryLog();
  seedSystemEvents(log);
  const live = new LiveCalls();
  const server = new Server();
  server.addService(StreamsService, {
    read: readHandler(log, live),
    append: appendHandler(log),
    ...(batchAppend ? { batchAppend: batchAppendHandler(log) } : {}),
  });
  const features: IServerFeaturesServer = {
    getSupportedMethods: (_call, callback) => callback(null, supportedMethods(batchAppend)),
  };
  server.addService(ServerFeaturesService, features);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`${host}:${options.port ?? 0}`, ServerCredentials.createInsecure(), (e, p) =>
      e ? reject(e) : resolve(p),
    ),
  );
  return {
    port,
    connectionString: `esdb://${host}:${port}?tls=false`,
    log,
    dropSubscriptions: (code = status.ABORTED, details = CONSUMER_TOO_SLOW) =>
      live.dropAll(code, details),
    openSubscriptions: () => live.size,
    close: async () => {
      live.dropAll(status.UNAVAILABLE, 'Server is shutting down');
      // Subscriptions and the client's BatchAppend call never end by themselves.
      server.forceShutdown();
      await Promise.resolve();
    },
  };
}

/** The client only uses BatchAppend when the server lists it here. */
function supportedMethods(batchAppend: boolean): SupportedMethods {
  const method = (service: string, name: string, features: string[] = []) =>
    new SupportedMethod().setServiceName(service).setMethodName(name).setFeaturesList(features);
  const streams = 'event_store.client.streams.streams';
  return new SupportedMethods()
    .setEventStoreServerVersion(SERVER_VERSION)
    .setMethodsList([
      method(streams, 'read', ['position', 'events']),
      method(streams, 'append'),
      ...(batchAppend ? [method(streams, 'batchappend')] : []),
      method('event_store.client.server_features.serverfeatures', 'getsupportedmethods'),
    ]);
}

/** A fresh EventStoreDB writes system events first; readers of $all must skip them. */
function seedSystemEvents(log: InMemoryLog): void {
  const system: [stream: string, type: string][] = [
    ['$scavenges', '$scavengeIndexInitialized'],
    ['$users', '$UserCreated'],
    ['$user-admin', '$user'],
    ['$projections-$all', '$ProjectionsInitialized'],
  ];
  for (const [stream, type] of system) {
    log.append(stream, { kind: 'any' }, [
      {
        id: randomUUID(),
        type,
        contentType: 'application/json',
        data: new TextEncoder().encode('{}'),
        customMetadata: new Uint8Array(),
      },
    ]);
  }
}
