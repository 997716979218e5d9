import { orderIdFor, ticketIdFor } from '../../../src/application/orders/order-ids';

/**
 * Ids already in the log were derived this way: a retry after an upgrade must land on the same
 * stream, so the derivation (UUID v5 of the name in our namespace) may never change.
 */
describe('ids derived from who asked and their idempotency key', () => {
  it('are the UUID v5 they have always been', () => {
    expect(orderIdFor('user-1', 'key-1')).toBe('3ea9e9ef-8bde-547c-81d1-75098865a9b3');
    expect(ticketIdFor('user-1', 'key-1')).toBe('abd7344a-86f9-5345-8d87-c44f1b9a93f9');
  });

  it('encode the name as UTF-8', () => {
    expect(orderIdFor('usér', 'clé ✓')).toBe('1053cefe-fafc-58b2-8b04-18d872ef81a5');
  });

  it('differ between orders and tickets, and between users of one key', () => {
    expect(orderIdFor('user-1', 'k')).not.toBe(ticketIdFor('user-1', 'k'));
    expect(orderIdFor('user-1', 'k')).not.toBe(orderIdFor('user-2', 'k'));
  });
});
