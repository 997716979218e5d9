import { MaxLength, ValidateNested } from 'class-validator';
import { ArgsType, Field } from 'type-graphql';
import { ConnectionArgs } from '../common/connection.args';
import type { ProductSort as ProductSortValue } from '../services';
import { ProductFilter } from './product-filter.input';
import { ProductSort } from './product-sort.enum';

@ArgsType()
export class ProductsArgs extends ConnectionArgs {
  @Field(() => String, { nullable: true })
  @MaxLength(200)
  search?: string | null;

  @Field(() => ProductFilter, { nullable: true })
  @ValidateNested()
  filter?: ProductFilter | null;

  @Field(() => ProductSort, { nullable: true, defaultValue: ProductSort.RELEVANCE })
  sort?: ProductSortValue | null;
}
