import { type CreateProductRequest } from '../../src/application/catalog/catalog-service';

/**
 * A deterministic catalog and the shoppers' reads over it, so that every run (and every commit
 * measured) queries the same data the same way. The words give full-text search something to
 * rank; tags and categories give the facets several values each.
 */
const ADJECTIVES = [
  'classic',
  'compact',
  'rugged',
  'vintage',
  'modern',
  'organic',
  'premium',
  'everyday',
  'wireless',
  'handmade',
  'foldable',
  'insulated',
];
const NOUNS = [
  'mug',
  'kettle',
  'backpack',
  'lamp',
  'jacket',
  'speaker',
  'notebook',
  'bottle',
  'chair',
  'blanket',
  'headphones',
  'grinder',
  'tent',
  'watch',
  'scarf',
  'pan',
];
const MATERIALS = ['steel', 'cotton', 'oak', 'leather', 'ceramic', 'wool', 'bamboo', 'glass'];
const COLORS = ['black', 'white', 'red', 'blue', 'green', 'grey', 'sand', 'olive'];
const SIZES = ['xs', 's', 'm', 'l', 'xl'];
const CATEGORIES = [
  'kitchen',
  'outdoor',
  'home',
  'audio',
  'apparel',
  'office',
  'travel',
  'garden',
  'sport',
  'kids',
];
const SORTS = ['RELEVANCE', 'NEWEST', 'PRICE_ASC', 'PRICE_DESC', 'NAME'] as const;

/** mulberry32: a small seeded generator, enough to pick words reproducibly. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: () => number, values: readonly T[]): T =>
  values[Math.floor(random() * values.length)]!;

export function catalog(size: number, seed: number): CreateProductRequest[] {
  const random = seededRandom(seed);
  return Array.from({ length: size }, (_, i) => {
    const adjective = pick(random, ADJECTIVES);
    const material = pick(random, MATERIALS);
    const noun = pick(random, NOUNS);
    const color = pick(random, COLORS);
    const tags = [
      { name: 'color', value: color },
      { name: 'material', value: material },
      ...(random() < 0.5 ? [{ name: 'size', value: pick(random, SIZES) }] : []),
    ];
    return {
      sku: `BENCH-${String(i).padStart(6, '0')}`,
      name: `${adjective} ${material} ${noun}`,
      description: `A ${color} ${noun} in ${material}, ${pick(random, ADJECTIVES)} and ${pick(random, ADJECTIVES)}.`,
      price: 500 + Math.floor(random() * 49_500),
      category: pick(random, CATEGORIES),
      tags,
      initialStock: random() < 0.1 ? 0 : 1 + Math.floor(random() * 200),
    };
  });
}

const PRODUCT_PAGE = `query ProductPage($id: ID!) {
  product(id: $id) {
    id sku name description price category createdAt updatedAt
    tags { name value }
    inventory { onHand reserved available }
    recommendations(first: 4) { id name price inventory { available } }
  }
}`;

const SEARCH = `query Search($search: String, $filter: ProductFilter, $sort: ProductSort) {
  products(search: $search, filter: $filter, sort: $sort, first: 20) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id sku name price category tags { name value } inventory { available } } }
    facets { categories { value count } tags { name values { value count } } }
  }
}`;

/** Request bodies of a product page each, for products drawn from `productIds`. */
export function productPageBodies(
  productIds: readonly string[],
  count: number,
  seed: number,
): string[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () =>
    JSON.stringify({ query: PRODUCT_PAGE, variables: { id: pick(random, productIds) } }),
  );
}

/**
 * Request bodies of a search each, as a shop's search page sends them: words typed (or none, to
 * browse), a category, one or two tags, in stock only, a price range, any sort; 20 per page.
 */
export function searchBodies(count: number, seed: number): string[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => {
    const words = [ADJECTIVES, NOUNS, MATERIALS, COLORS];
    const search =
      random() < 0.7
        ? Array.from({ length: 1 + Math.floor(random() * 2) }, () =>
            pick(random, pick(random, words)),
          ).join(' ')
        : null;
    const filter: Record<string, unknown> = {};
    if (random() < 0.5) filter['category'] = pick(random, CATEGORIES);
    if (random() < 0.3) filter['tags'] = [{ name: 'color', value: pick(random, COLORS) }];
    if (random() < 0.5) filter['inStock'] = true;
    if (random() < 0.2) {
      filter['minPrice'] = 1000 + Math.floor(random() * 10_000);
      filter['maxPrice'] = (filter['minPrice'] as number) + 20_000;
    }
    const sort = search ? pick(random, SORTS) : pick(random, SORTS.slice(1));
    return JSON.stringify({ query: SEARCH, variables: { search, filter, sort } });
  });
}
