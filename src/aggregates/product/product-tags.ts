import { type Tag } from './product.events';

/**
 * The one rule for tags, shared by the aggregate and the read model so they cannot disagree: a
 * product carries at most one value per tag name, and adding a name it has replaces the value
 * in place. Pure, like the deciders.
 */
export const withTag = (tags: readonly Tag[], tag: Tag): Tag[] => {
  // A copy of name and value only: events read back from the log may carry other fields.
  const added = { name: tag.name, value: tag.value };
  const index = tags.findIndex((each) => each.name === tag.name);
  if (index < 0) return [...tags, added];
  return tags.map((each, i) => (i === index ? added : each));
};

export const withoutTag = (tags: readonly Tag[], name: string): Tag[] =>
  tags.filter((tag) => tag.name !== name);

export const tagNamed = (tags: readonly Tag[], name: string): Tag | undefined =>
  tags.find((tag) => tag.name === name);

/**
 * Tags as a product carries them. Streams written before the rule may hold a ProductCreated
 * with several values under one name; they fold as if each had been added in turn.
 */
export const oneValuePerName = (tags: readonly Tag[]): Tag[] => tags.reduce(withTag, []);
