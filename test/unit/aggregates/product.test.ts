import {
  type ActiveProduct,
  foldProduct,
  initialProductState,
  type ProductCommand,
  productDecider,
  type ProductEvent,
  type Tag,
} from '../../../src/aggregates/product';
import { spec } from '../../support/decider-spec';

const P = 'product-1';
const given = spec(productDecider).given;

type CreateData = Extract<ProductCommand, { type: 'CreateProduct' }>['data'];
type UpdateData = Extract<ProductCommand, { type: 'UpdateProduct' }>['data'];

const createData: CreateData = {
  productId: P,
  sku: 'MUG-1',
  name: 'Mug',
  description: 'A mug.',
  price: 1250,
  category: 'Kitchen',
  tags: [{ name: 'color', value: 'red' }],
};

const createProduct = (overrides: Partial<CreateData> = {}): ProductCommand => ({
  type: 'CreateProduct',
  data: { ...createData, ...overrides },
});
const updateProduct = (changes: Omit<UpdateData, 'productId'>): ProductCommand => ({
  type: 'UpdateProduct',
  data: { productId: P, ...changes },
});
const addTag = (name: string, value: string): ProductCommand => ({
  type: 'AddProductTag',
  data: { productId: P, tag: { name, value } },
});
const removeTag = (name: string): ProductCommand => ({
  type: 'RemoveProductTag',
  data: { productId: P, name },
});

const created = (overrides: Partial<CreateData> = {}): ProductEvent => ({
  type: 'ProductCreated',
  data: { ...createData, ...overrides },
});
const updated = (changes: Omit<UpdateData, 'productId' | 'price'>): ProductEvent => ({
  type: 'ProductUpdated',
  data: { productId: P, ...changes },
});
const priceChanged = (price: number, previousPrice: number): ProductEvent => ({
  type: 'PriceChanged',
  data: { productId: P, price, previousPrice },
});
const tagAdded = (name: string, value: string): ProductEvent => ({
  type: 'ProductTagAdded',
  data: { productId: P, tag: { name, value } },
});
const tagRemoved = (name: string): ProductEvent => ({
  type: 'ProductTagRemoved',
  data: { productId: P, name },
});

const tags = (count: number): Tag[] =>
  Array.from({ length: count }, (_, i) => ({ name: `n${i}`, value: `v${i}` }));

describe('product decider', () => {
  describe('CreateProduct', () => {
    it('creates the product', () => {
      given([]).when(createProduct()).then([created()]);
    });

    it('stores trimmed values', () => {
      given([])
        .when(
          createProduct({
            sku: '  MUG-1 ',
            name: ' Mug ',
            description: '  A mug.\n',
            category: ' Kitchen ',
            tags: [{ name: ' color ', value: ' red ' }],
          }),
        )
        .then([created()]);
    });

    it.each<[string, Tag[]]>([
      [
        'two values',
        [
          { name: 'color', value: 'red' },
          { name: 'color', value: 'blue' },
        ],
      ],
      [
        'the same value twice',
        [
          { name: 'color', value: 'red' },
          { name: ' color', value: 'red ' },
        ],
      ],
    ])('rejects one tag name given twice, with %s', (_what, twice) => {
      given([])
        .when(createProduct({ tags: twice }))
        .thenError('BAD_USER_INPUT', /tag "color" is given twice/);
    });

    it('accepts the limits: null fields, free, 50 tags, longest texts', () => {
      const longest = {
        sku: 'a'.repeat(64),
        name: 'n'.repeat(200),
        description: null,
        price: 0,
        category: null,
        tags: tags(50),
      };
      given([])
        .when(createProduct(longest))
        .then([created(longest)]);
      given([])
        .when(createProduct({ description: 'd'.repeat(5000), price: 1_000_000_000 }))
        .then([created({ description: 'd'.repeat(5000), price: 1_000_000_000 })]);
    });

    it('stores a blank description as none', () => {
      given([])
        .when(createProduct({ description: '   ' }))
        .then([created({ description: null })]);
    });

    it('accepts sku punctuation after the first character', () => {
      given([])
        .when(createProduct({ sku: '9a._-B' }))
        .then([created({ sku: '9a._-B' })]);
    });

    it.each<[string, Partial<CreateData>]>([
      ['an empty sku', { sku: '   ' }],
      ['a sku of 65 characters', { sku: 'a'.repeat(65) }],
      ['a sku starting with punctuation', { sku: '-MUG' }],
      ['a sku with a space inside', { sku: 'MUG 1' }],
      ['a sku with other characters', { sku: 'MUG/1' }],
      ['an empty name', { name: ' ' }],
      ['a name of 201 characters', { name: 'n'.repeat(201) }],
      ['a description of 5001 characters', { description: 'd'.repeat(5001) }],
      ['a negative price', { price: -1 }],
      ['a fractional price', { price: 12.5 }],
      ['a price above the maximum', { price: 1_000_000_001 }],
      ['an empty category', { category: '  ' }],
      ['a category of 101 characters', { category: 'c'.repeat(101) }],
      ['51 tags', { tags: tags(51) }],
      ['a tag with an empty name', { tags: [{ name: ' ', value: 'red' }] }],
      ['a tag with an empty value', { tags: [{ name: 'color', value: '' }] }],
      ['a tag name of 101 characters', { tags: [{ name: 'n'.repeat(101), value: 'v' }] }],
      ['a tag value of 101 characters', { tags: [{ name: 'n', value: 'v'.repeat(101) }] }],
    ])('rejects %s', (_name, overrides) => {
      given([]).when(createProduct(overrides)).thenError('BAD_USER_INPUT');
    });

    it('cannot create a product twice', () => {
      given([created()])
        .when(createProduct())
        .thenError('INVALID_STATE', /product-1/);
    });
  });

  describe('UpdateProduct', () => {
    it('is NOT_FOUND for an unknown product', () => {
      given([])
        .when(updateProduct({ name: 'Cup' }))
        .thenError('NOT_FOUND', /product-1/);
    });

    it('emits only the changed fields', () => {
      given([created()])
        .when(updateProduct({ name: ' Cup ', description: 'A mug.', category: 'Kitchen' }))
        .then([updated({ name: 'Cup' })]);
    });

    it('clears description and category with null', () => {
      given([created()])
        .when(updateProduct({ description: null, category: null }))
        .then([updated({ description: null, category: null })]);
    });

    it('sets a description that was empty', () => {
      given([created({ description: null })])
        .when(updateProduct({ description: 'New.' }))
        .then([updated({ description: 'New.' })]);
    });

    it('changes the price alone with PriceChanged', () => {
      given([created()])
        .when(updateProduct({ price: 990 }))
        .then([priceChanged(990, 1250)]);
    });

    it('changes fields and price together', () => {
      given([created()])
        .when(updateProduct({ name: 'Cup', price: 0 }))
        .then([updated({ name: 'Cup' }), priceChanged(0, 1250)]);
    });

    it('compares the price with the latest one', () => {
      given([created(), priceChanged(990, 1250)])
        .when(updateProduct({ price: 1250 }))
        .then([priceChanged(1250, 990)]);
    });

    it.each<[string, Omit<UpdateData, 'productId'>]>([
      ['nothing given', {}],
      ['the same values', { name: 'Mug', description: 'A mug.', price: 1250, category: 'Kitchen' }],
      ['the same values with spaces', { name: ' Mug ', category: 'Kitchen ' }],
    ])('does nothing for %s', (_name, changes) => {
      given([created()]).when(updateProduct(changes)).thenNothingHappened();
    });

    it.each<[string, Omit<UpdateData, 'productId'>]>([
      ['null', { description: null, category: null }],
      ['a blank description', { description: '  ' }],
    ])('does nothing when clearing what is already empty with %s', (_name, changes) => {
      given([created({ description: null, category: null })])
        .when(updateProduct(changes))
        .thenNothingHappened();
    });

    it.each<[string, Omit<UpdateData, 'productId'>]>([
      ['an empty name', { name: '  ' }],
      ['a name of 201 characters', { name: 'n'.repeat(201) }],
      ['a description of 5001 characters', { description: 'd'.repeat(5001) }],
      ['a negative price', { price: -5 }],
      ['a fractional price', { price: 0.5 }],
      ['an empty category', { category: '' }],
      ['a valid name with an invalid price', { name: 'Cup', price: -1 }],
    ])('rejects %s', (_name, changes) => {
      given([created()]).when(updateProduct(changes)).thenError('BAD_USER_INPUT');
    });
  });

  describe('AddProductTag', () => {
    it('is NOT_FOUND for an unknown product', () => {
      given([]).when(addTag('color', 'red')).thenError('NOT_FOUND');
    });

    it('adds a trimmed tag', () => {
      given([created()])
        .when(addTag(' size ', ' L '))
        .then([tagAdded('size', 'L')]);
    });

    it('replaces the value of a tag name the product has', () => {
      given([created()])
        .when(addTag('color', 'blue'))
        .then([tagAdded('color', 'blue')]);
    });

    it('sets back a value that an earlier add replaced', () => {
      given([created({ tags: [{ name: 'origin', value: 'japan' }] }), tagAdded('origin', 'china')])
        .when(addTag('origin', 'japan'))
        .then([tagAdded('origin', 'japan')]);
    });

    it('does nothing when the name already has that value', () => {
      given([created()]).when(addTag('color', ' red ')).thenNothingHappened();
    });

    it('does nothing for the value a replacement set', () => {
      given([created(), tagAdded('color', 'blue')])
        .when(addTag('color', 'blue'))
        .thenNothingHappened();
    });

    it('does nothing for a present pair even at the limit', () => {
      given([created({ tags: tags(50) })])
        .when(addTag('n7', 'v7'))
        .thenNothingHappened();
    });

    it('replaces a value even at the limit', () => {
      given([created({ tags: tags(50) })])
        .when(addTag('n7', 'other'))
        .then([tagAdded('n7', 'other')]);
    });

    it('refuses a 51st tag', () => {
      given([created({ tags: tags(50) })])
        .when(addTag('color', 'red'))
        .thenError('BAD_USER_INPUT', /50/);
    });

    it.each([
      ['', 'red'],
      ['color', '  '],
      ['n'.repeat(101), 'v'],
      ['n', 'v'.repeat(101)],
    ])('rejects the tag %p = %p', (name, value) => {
      given([created()]).when(addTag(name, value)).thenError('BAD_USER_INPUT');
    });
  });

  describe('RemoveProductTag', () => {
    it('is NOT_FOUND for an unknown product', () => {
      given([]).when(removeTag('color')).thenError('NOT_FOUND');
    });

    it('removes the tag with that name, whatever its value', () => {
      given([created(), tagAdded('color', 'blue')])
        .when(removeTag(' color '))
        .then([tagRemoved('color')]);
    });

    it('lets the name be added again after it was removed', () => {
      given([created(), tagRemoved('color')])
        .when(addTag('color', 'red'))
        .then([tagAdded('color', 'red')]);
    });

    it('does nothing when no tag has that name', () => {
      given([created()]).when(removeTag('size')).thenNothingHappened();
    });

    it('does nothing when the tag was already removed', () => {
      given([created(), tagRemoved('color')])
        .when(removeTag('color'))
        .thenNothingHappened();
    });

    it('rejects an empty name', () => {
      given([created()]).when(removeTag('  ')).thenError('BAD_USER_INPUT');
    });
  });

  describe('evolve', () => {
    const active: ActiveProduct = { status: 'ACTIVE', ...createData };

    it('starts EMPTY', () => {
      expect(initialProductState()).toEqual({ status: 'EMPTY' });
    });

    it('applies creation, updates, price changes and tags', () => {
      expect(
        foldProduct([
          created(),
          updated({ name: 'Cup', category: null }),
          priceChanged(990, 1250),
          tagAdded('color', 'blue'),
          tagAdded('size', 'L'),
          tagRemoved('color'),
        ]),
      ).toEqual({
        ...active,
        name: 'Cup',
        category: null,
        price: 990,
        tags: [{ name: 'size', value: 'L' }],
      });
    });

    it('keeps the fields a ProductUpdated leaves out', () => {
      expect(foldProduct([created(), updated({ description: null })])).toEqual({
        ...active,
        description: null,
      });
    });

    it('ignores events before creation and a tag added twice rather than throwing', () => {
      expect(foldProduct([priceChanged(1, 2)])).toEqual({ status: 'EMPTY' });
      expect(foldProduct([created(), tagAdded('color', 'red')])).toEqual(active);
    });

    it('keeps one value per tag name, a new value replacing the old in place', () => {
      expect(
        foldProduct([
          created({
            tags: [
              { name: 'origin', value: 'japan' },
              { name: 'roast', value: 'dark' },
            ],
          }),
          tagAdded('origin', 'china'),
        ]),
      ).toEqual({
        ...active,
        tags: [
          { name: 'origin', value: 'china' },
          { name: 'roast', value: 'dark' },
        ],
      });
    });

    it('folds a creation that predates the rule as if its tags were added in turn', () => {
      const legacy = created({
        tags: [
          { name: 'origin', value: 'japan' },
          { name: 'roast', value: 'dark' },
          { name: 'origin', value: 'china' },
        ],
      });
      expect(foldProduct([legacy])).toEqual({
        ...active,
        tags: [
          { name: 'origin', value: 'china' },
          { name: 'roast', value: 'dark' },
        ],
      });
      given([legacy]).when(addTag('origin', 'china')).thenNothingHappened();
      given([legacy])
        .when(addTag('origin', 'japan'))
        .then([tagAdded('origin', 'japan')]);
    });
  });
});
