import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType()
export class FacetValue {
  @Field(() => String)
  value!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType()
export class TagFacet {
  @Field(() => String)
  name!: string;

  @Field(() => [FacetValue])
  values!: FacetValue[];
}

/** Counts over the whole result set, not just the page. */
@ObjectType()
export class ProductFacets {
  @Field(() => [FacetValue])
  categories!: FacetValue[];

  @Field(() => [TagFacet])
  tags!: TagFacet[];
}
