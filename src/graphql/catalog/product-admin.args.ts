import { MaxLength, MinLength, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID } from 'type-graphql';
import { TagInput } from './tag.input';
import { UpdateProductInput } from './update-product.input';

@ArgsType()
export class UpdateProductArgs {
  @Field(() => ID)
  @MaxLength(100)
  id!: string;

  @Field(() => UpdateProductInput)
  @ValidateNested()
  input!: UpdateProductInput;
}

@ArgsType()
export class AddProductTagArgs {
  @Field(() => ID)
  @MaxLength(100)
  productId!: string;

  @Field(() => TagInput)
  @ValidateNested()
  tag!: TagInput;
}

@ArgsType()
export class RemoveProductTagArgs {
  @Field(() => ID)
  @MaxLength(100)
  productId!: string;

  @Field(() => String)
  @MinLength(1)
  @MaxLength(50)
  name!: string;
}
