import { randomUUID } from 'node:crypto';
import { PurchaseTickets } from '../../../src/application/purchases/purchase-tickets';
import { createTestDatabase, type TestDatabase } from '../../support/database';

/** The same user and key, sent twice at once from two processes: one ticket, the same answer. */
describe('purchase tickets opened twice at once', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(8);
  });
  afterAll(() => db.drop());

  it('each opener gets the one ticket, also when its insert waited on the other', async () => {
    const first = new PurchaseTickets(db.pool);
    const second = new PurchaseTickets(db.pool);
    const productId = randomUUID();
    for (let i = 0; i < 100; i++) {
      const request = { ticketId: randomUUID(), userId: randomUUID(), productId, quantity: 1 };
      const [a, b] = await Promise.all([
        first.open([request], 'QUEUED'),
        second.open([request], 'QUEUED'),
      ]);
      expect(a).toEqual(b);
      expect(a).toEqual([
        expect.objectContaining({ ticketId: request.ticketId, outcome: 'QUEUED' }),
      ]);
    }
    const { rows } = await db.pool.query<{ n: string }>(
      'SELECT count(*) AS n FROM purchase_tickets WHERE product_id = $1',
      [productId],
    );
    expect(Number(rows[0]!.n)).toBe(100);
  });
});
