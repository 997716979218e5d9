import { Args, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { requireActor, type GraphQLContext } from '../context';
import type { PaymentView } from '../views';
import { Payment } from './payment.type';
import { SimulatePaymentArgs } from './simulate-payment.args';

@Resolver()
export class PaymentResolver {
  @Authorized()
  @Mutation(() => Payment, {
    description:
      "The mock gateway settles the order's payment, which reaches the application only through its signed webhook. The order's owner or ADMIN.",
  })
  simulatePayment(
    @Args(() => SimulatePaymentArgs) { orderId, succeed }: SimulatePaymentArgs,
    @Ctx() context: GraphQLContext,
  ): Promise<PaymentView> {
    return context.services.payments.simulatePayment(requireActor(context), orderId, succeed);
  }
}
