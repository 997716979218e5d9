import { Arg, Args, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../context';
import { asHttpRefusal } from '../http-refusal';
import type { AuthPayloadView } from '../views';
import { AuthPayload } from './auth-payload.type';
import { LoginArgs } from './login.args';
import { RegisterInput } from './register.input';

@Resolver()
export class AuthResolver {
  @Mutation(() => AuthPayload)
  register(
    @Arg('input', () => RegisterInput) input: RegisterInput,
    @Ctx() { services }: GraphQLContext,
  ): Promise<AuthPayloadView> {
    return services.auth.register({
      email: input.email,
      password: input.password,
      name: input.name ?? null,
    });
  }

  @Mutation(() => AuthPayload)
  async login(
    @Args(() => LoginArgs) { email, password }: LoginArgs,
    @Ctx() { services, clientIp }: GraphQLContext,
  ): Promise<AuthPayloadView> {
    try {
      return await services.auth.login(email, password, clientIp);
    } catch (error) {
      throw asHttpRefusal(error);
    }
  }
}
