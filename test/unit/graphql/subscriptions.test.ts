import { parse, subscribe, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { buildChronocartSchema } from '../../../src/graphql/schema';
import { formatGraphQLError } from '../../../src/graphql/format-error';
import type { OrderUpdateView, OrderView } from '../../../src/graphql/views';
import { anOrder, fakeServices } from './fake-services';
import { customer, testContext } from './run-operation';
import type { GraphQLServices, OrderPointInTime } from '../../../src/graphql/services';
import type { Actor } from '../../../src/graphql/views';

const update = (version: number, status: OrderView['status']): OrderUpdateView => ({
  orderId: 'o1',
  userId: 'u1',
  status,
  version,
  position: String(500 + version),
  occurredAt: new Date('2025-01-02T03:04:05.000Z'),
  reason: null,
});

async function* replayThenLive(updates: OrderUpdateView[]): AsyncGenerator<OrderUpdateView> {
  for (const item of updates) yield await Promise.resolve(item);
}

async function start(
  schema: GraphQLSchema,
  services: GraphQLServices,
  actor: Actor | null,
  source: string,
) {
  const result = await subscribe({
    schema,
    document: parse(source),
    contextValue: testContext(services, actor),
  });
  if (Symbol.asyncIterator in result) return { events: result, errors: [] };
  const errors = (result.errors ?? []).map((error) =>
    formatGraphQLError(error, { log: () => undefined, correlationId: 'test-corr' }),
  );
  return { events: null, errors };
}

async function collect(events: AsyncIterable<ExecutionResult>): Promise<ExecutionResult[]> {
  const results: ExecutionResult[] = [];
  for await (const event of events) results.push(event);
  return results;
}

describe('subscriptions', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildChronocartSchema();
  });

  it("streams the service's order updates, each with the order as read after it", async () => {
    const orderUpdates = jest.fn(() =>
      Promise.resolve(replayThenLive([update(1, 'AWAITING_PAYMENT'), update(3, 'PAID')])),
    );
    // The read model has moved on to version 3 by the time version 1 is replayed: the replayed
    // update shows the order as it stood at version 1, not as it is now.
    const ordersByIds = jest.fn(() =>
      Promise.resolve([anOrder('o1', { status: 'PAID', version: 3 })]),
    );
    const orderAsOf = jest.fn((_actor: unknown, _id: string, at: OrderPointInTime) =>
      Promise.resolve(
        anOrder('o1', {
          status: 'AWAITING_PAYMENT',
          version: 'atVersion' in at ? at.atVersion : -1,
        }),
      ),
    );
    const services = fakeServices({ orders: { orderUpdates, ordersByIds, orderAsOf } });

    const { events } = await start(
      schema,
      services,
      customer,
      'subscription { orderUpdated(orderId: "o1", fromVersion: 0) { version status order { status } } }',
    );

    expect(orderUpdates).toHaveBeenCalledWith(customer, 'o1', 0);
    expect(await collect(events!)).toEqual([
      {
        data: {
          orderUpdated: {
            version: 1,
            status: 'AWAITING_PAYMENT',
            order: { status: 'AWAITING_PAYMENT' },
          },
        },
      },
      { data: { orderUpdated: { version: 3, status: 'PAID', order: { status: 'PAID' } } } },
    ]);
    expect(ordersByIds).toHaveBeenCalledTimes(2);
    expect(orderAsOf).toHaveBeenCalledTimes(1);
    expect(orderAsOf).toHaveBeenCalledWith(customer, 'o1', { atVersion: 1 });
  });

  it('refuses an anonymous subscriber with UNAUTHENTICATED', async () => {
    const myOrderUpdates = jest.fn();
    const services = fakeServices({ orders: { myOrderUpdates } });

    const { errors } = await start(
      schema,
      services,
      null,
      'subscription { myOrderUpdates { version } }',
    );

    expect(errors.map((error) => error.extensions?.['code'])).toEqual(['UNAUTHENTICATED']);
    expect(myOrderUpdates).not.toHaveBeenCalled();
  });

  it('validates the arguments before subscribing', async () => {
    const orderUpdates = jest.fn();
    const services = fakeServices({ orders: { orderUpdates } });

    const { errors } = await start(
      schema,
      services,
      customer,
      'subscription { orderUpdated(orderId: "o1", fromVersion: -7) { version } }',
    );

    expect(errors.map((error) => error.extensions?.['code'])).toEqual(['BAD_USER_INPUT']);
    expect(orderUpdates).not.toHaveBeenCalled();
  });

  it('refuses a position that no event store writes, before subscribing', async () => {
    const myOrderUpdates = jest.fn();
    const services = fakeServices({ orders: { myOrderUpdates } });

    for (const position of ['garbage', '5', '00000000000000000001-1']) {
      const { errors } = await start(
        schema,
        services,
        customer,
        `subscription { myOrderUpdates(fromPosition: "${position}") { version } }`,
      );
      expect(errors.map((error) => error.extensions?.['code'])).toEqual(['BAD_USER_INPUT']);
    }
    expect(myOrderUpdates).not.toHaveBeenCalled();
  });

  it('answers NOT_FOUND to a stock subscription for a product that does not exist', async () => {
    const inventoryChanges = jest.fn();
    const levelsByProductIds = jest.fn(() => Promise.resolve([]));
    const services = fakeServices({ inventory: { inventoryChanges, levelsByProductIds } });

    const { errors } = await start(
      schema,
      services,
      customer,
      'subscription { inventoryChanged(productId: "00000000-0000-4000-8000-000000000000") { available } }',
    );

    expect(errors.map((error) => error.extensions?.['code'])).toEqual(['NOT_FOUND']);
    expect(inventoryChanges).not.toHaveBeenCalled();
  });

  it('refuses a control character in an argument before subscribing', async () => {
    const orderUpdates = jest.fn();
    const services = fakeServices({ orders: { orderUpdates } });

    const { errors } = await start(
      schema,
      services,
      customer,
      'subscription { orderUpdated(orderId: "o\\u00001") { version } }',
    );

    expect(errors.map((error) => error.extensions?.['code'])).toEqual(['BAD_USER_INPUT']);
    expect(errors[0]?.message).toMatch('orderId must not contain control characters');
    expect(orderUpdates).not.toHaveBeenCalled();
  });

  it('closes the source when the client unsubscribes while it waits for an event', async () => {
    let closed = false;
    const neverEnding: AsyncIterable<OrderUpdateView> = {
      [Symbol.asyncIterator]: () => ({
        next: () => new Promise<IteratorResult<OrderUpdateView>>(() => undefined),
        return: () => {
          closed = true;
          return Promise.resolve({ done: true as const, value: undefined });
        },
      }),
    };
    const services = fakeServices({
      orders: { myOrderUpdates: () => Promise.resolve(neverEnding) },
    });

    const { events } = await start(
      schema,
      services,
      customer,
      'subscription { myOrderUpdates { version } }',
    );
    const iterator = events![Symbol.asyncIterator]();
    void iterator.next();
    await iterator.return?.();

    expect(closed).toBe(true);
  });
});
