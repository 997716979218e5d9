import { IsInt, Max, MaxLength, Min } from 'class-validator';
import { ArgsType, Field, ID, Int } from 'type-graphql';

export const DEFAULT_RECOMMENDATIONS = 5;

@ArgsType()
export class RecommendationCountArgs {
  @Field(() => Int, { nullable: true, defaultValue: DEFAULT_RECOMMENDATIONS })
  @IsInt()
  @Min(0)
  @Max(50)
  first?: number | null;
}

@ArgsType()
export class RecommendationsArgs extends RecommendationCountArgs {
  @Field(() => ID)
  @MaxLength(100)
  productId!: string;
}
