import {
  type Decision,
  type DomainError,
  domainError,
  isDomainError,
} from '../shared/domain-error';
import {
  type AddProductTag,
  type CreateProduct,
  type ProductCommand,
  type RemoveProductTag,
  type UpdateProduct,
} from './product.commands';
import { type ProductEvent, type ProductUpdated, type Tag } from './product.events';
import { tagNamed } from './product-tags';
import { type ActiveProduct, type ProductState } from './product.state';

const MAX_SKU = 64;
const SKU_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const MAX_NAME = 200;
const MAX_DESCRIPTION = 5000;
const MAX_PRICE = 1_000_000_000;
const MAX_CATEGORY = 100;
const MAX_TAGS = 50;
const MAX_TAG_PART = 100;

const bad = (message: string): DomainError => domainError('BAD_USER_INPUT', message);

const trimmedText = (field: string, raw: string, max: number): string | DomainError => {
  const value = raw.trim();
  return value.length >= 1 && value.length <= max
    ? value
    : bad(`${field} must be 1 to ${max} characters`);
};

const checkSku = (raw: string): string | DomainError => {
  const sku = trimmedText('sku', raw, MAX_SKU);
  if (isDomainError(sku) || SKU_PATTERN.test(sku)) return sku;
  return bad('sku must start with a letter or digit and contain only letters, digits, . _ -');
};

const checkName = (raw: string): string | DomainError => trimmedText('name', raw, MAX_NAME);

const checkDescription = (raw: string | null): string | null | DomainError => {
  if (raw === null) return null;
  const description = raw.trim();
  if (description.length > MAX_DESCRIPTION) {
    return bad(`description must be at most ${MAX_DESCRIPTION} characters`);
  }
  return description.length === 0 ? null : description;
};

const checkPrice = (raw: number): number | DomainError =>
  Number.isInteger(raw) && raw >= 0 && raw <= MAX_PRICE
    ? raw
    : bad(`price must be an integer amount from 0 to ${MAX_PRICE}`);

const checkCategory = (raw: string | null): string | null | DomainError =>
  raw === null ? null : trimmedText('category', raw, MAX_CATEGORY);

const checkTag = (raw: Tag): Tag | DomainError => {
  const name = trimmedText('tag name', raw.name, MAX_TAG_PART);
  if (isDomainError(name)) return name;
  const value = trimmedText('tag value', raw.value, MAX_TAG_PART);
  if (isDomainError(value)) return value;
  return { name, value };
};

const checkTags = (raw: readonly Tag[]): Tag[] | DomainError => {
  const tags: Tag[] = [];
  for (const each of raw) {
    const tag = checkTag(each);
    if (isDomainError(tag)) return tag;
    // Which of two values the caller meant is not ours to guess.
    if (tagNamed(tags, tag.name)) {
      return bad(`tag "${tag.name}" is given twice: a product has one value per tag name`);
    }
    tags.push(tag);
  }
  return tags.length <= MAX_TAGS ? tags : bad(`a product has at most ${MAX_TAGS} tags`);
};

const createProduct = ({ data }: CreateProduct, state: ProductState): Decision<ProductEvent> => {
  if (state.status !== 'EMPTY') {
    return domainError('INVALID_STATE', `product ${state.productId} already exists`);
  }
  const sku = checkSku(data.sku);
  if (isDomainError(sku)) return sku;
  const name = checkName(data.name);
  if (isDomainError(name)) return name;
  const description = checkDescription(data.description);
  if (isDomainError(description)) return description;
  const price = checkPrice(data.price);
  if (isDomainError(price)) return price;
  const category = checkCategory(data.category);
  if (isDomainError(category)) return category;
  const tags = checkTags(data.tags);
  if (isDomainError(tags)) return tags;
  const { productId } = data;
  return [
    {
      type: 'ProductCreated',
      data: { productId, sku, name, description, price, category, tags },
    },
  ];
};

const updateProduct = ({ data }: UpdateProduct, state: ActiveProduct): Decision<ProductEvent> => {
  const { productId } = state;
  const changes: ProductUpdated['data'] = { productId };
  if (data.name !== undefined) {
    const name = checkName(data.name);
    if (isDomainError(name)) return name;
    if (name !== state.name) changes.name = name;
  }
  if (data.description !== undefined) {
    const description = checkDescription(data.description);
    if (isDomainError(description)) return description;
    if (description !== state.description) changes.description = description;
  }
  if (data.category !== undefined) {
    const category = checkCategory(data.category);
    if (isDomainError(category)) return category;
    if (category !== state.category) changes.category = category;
  }
  let price = state.price;
  if (data.price !== undefined) {
    const checked = checkPrice(data.price);
    if (isDomainError(checked)) return checked;
    price = checked;
  }
  const events: ProductEvent[] = [];
  // productId alone means no field changed.
  if (Object.keys(changes).length > 1) events.push({ type: 'ProductUpdated', data: changes });
  if (price !== state.price) {
    events.push({ type: 'PriceChanged', data: { productId, price, previousPrice: state.price } });
  }
  return events;
};

const addProductTag = ({ data }: AddProductTag, state: ActiveProduct): Decision<ProductEvent> => {
  const tag = checkTag(data.tag);
  if (isDomainError(tag)) return tag;
  const current = tagNamed(state.tags, tag.name);
  if (current?.value === tag.value) return [];
  // A new value for a name the product has replaces the old one, so only a new name adds a tag.
  if (!current && state.tags.length >= MAX_TAGS) {
    return bad(`a product has at most ${MAX_TAGS} tags`);
  }
  return [{ type: 'ProductTagAdded', data: { productId: state.productId, tag } }];
};

const removeProductTag = (
  { data }: RemoveProductTag,
  state: ActiveProduct,
): Decision<ProductEvent> => {
  const name = trimmedText('tag name', data.name, MAX_TAG_PART);
  if (isDomainError(name)) return name;
  if (!tagNamed(state.tags, name)) return [];
  return [{ type: 'ProductTagRemoved', data: { productId: state.productId, name } }];
};

export const decideProduct = (
  command: ProductCommand,
  state: ProductState,
): Decision<ProductEvent> => {
  if (command.type === 'CreateProduct') return createProduct(command, state);
  if (state.status === 'EMPTY') {
    return domainError('NOT_FOUND', `product ${command.data.productId} not found`);
  }
  switch (command.type) {
    case 'UpdateProduct':
      return updateProduct(command, state);
    case 'AddProductTag':
      return addProductTag(command, state);
    case 'RemoveProductTag':
      return removeProductTag(command, state);
    default: {
      const _exhaustive: never = command;
      return domainError('BAD_USER_INPUT', 'unknown product command');
    }
  }
};
