import { foldProduct, type ProductEvent, type Tag } from '../../../src/aggregates/product';
import { type RecordedEvent } from '../../../src/infrastructure/event-store/event-store';
import { emptyStockLevel } from '../../../src/projections/inventory/stock-level';
import { evolveProduct, type ProductRow } from '../../../src/projections/products/product-row';

const P = 'product-1';

const created = (tags: Tag[]): ProductEvent => ({
  type: 'ProductCreated',
  data: {
    productId: P,
    sku: 'TEA-1',
    name: 'Tea',
    description: null,
    price: 900,
    category: null,
    tags,
  },
});
const tagAdded = (name: string, value: string): ProductEvent => ({
  type: 'ProductTagAdded',
  data: { productId: P, tag: { name, value } },
});
const tagRemoved = (name: string): ProductEvent => ({
  type: 'ProductTagRemoved',
  data: { productId: P, name },
});

const recorded = (event: ProductEvent, version: number): RecordedEvent => ({
  id: `event-${version}`,
  type: event.type,
  schemaVersion: 1,
  data: event.data,
  metadata: {},
  streamId: `product-${P}`,
  version,
  position: String(version),
  occurredAt: new Date('2026-01-01T10:00:00Z'),
});

const rowTags = (events: ProductEvent[]): Tag[] =>
  events.reduce<ProductRow | null>(
    (row, event, version) => evolveProduct(row, event, recorded(event, version), emptyStockLevel()),
    null,
  )!.tags;

const aggregateTags = (events: ProductEvent[]): Tag[] => {
  const state = foldProduct(events);
  if (state.status !== 'ACTIVE') throw new Error('the product was not created');
  return state.tags;
};

/** The read model serves what the aggregate decides on, or changes are silently lost. */
describe('products read model: tags', () => {
  it.each<[string, ProductEvent[], Tag[]]>([
    [
      'a value replaced and set back',
      [
        created([{ name: 'origin', value: 'japan' }]),
        tagAdded('origin', 'china'),
        tagAdded('origin', 'japan'),
      ],
      [{ name: 'origin', value: 'japan' }],
    ],
    [
      'a creation from before the one-value rule',
      [
        created([
          { name: 'origin', value: 'japan' },
          { name: 'roast', value: 'dark' },
          { name: 'origin', value: 'china' },
        ]),
      ],
      [
        { name: 'origin', value: 'china' },
        { name: 'roast', value: 'dark' },
      ],
    ],
    [
      'a tag removed by name and added again',
      [
        created([
          { name: 'origin', value: 'japan' },
          { name: 'roast', value: 'dark' },
        ]),
        tagRemoved('origin'),
        tagAdded('origin', 'kenya'),
      ],
      [
        { name: 'roast', value: 'dark' },
        { name: 'origin', value: 'kenya' },
      ],
    ],
  ])('holds the tags the aggregate holds after %s', (_what, events, expected) => {
    expect(rowTags(events)).toEqual(expected);
    expect(aggregateTags(events)).toEqual(expected);
  });
});
