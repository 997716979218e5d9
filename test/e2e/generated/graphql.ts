import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A date-time string at UTC, such as 2007-12-03T10:15:30Z, in the RFC 3339 profile of ISO 8601. */
  DateTime: { input: string; output: string; }
  /** The `JSON` scalar type represents JSON values as specified by [ECMA-404](http://www.ecma-international.org/publications/files/ECMA-ST/ECMA-404.pdf). */
  JSON: { input: unknown; output: unknown; }
  /** An integer amount in minor units (cents) of the store currency: a non-negative safe integer. */
  Money: { input: number; output: number; }
};

export type AuthPayload = {
  __typename?: 'AuthPayload';
  /** Send as `Authorization: Bearer <token>`. */
  token: Scalars['String']['output'];
  user: User;
};

export type Cart = {
  __typename?: 'Cart';
  expiresAt?: Maybe<Scalars['DateTime']['output']>;
  itemCount: Scalars['Int']['output'];
  items: Array<CartItem>;
  total: Scalars['Money']['output'];
};

export type CartItem = {
  __typename?: 'CartItem';
  product: Product;
  quantity: Scalars['Int']['output'];
  subtotal: Scalars['Money']['output'];
  unitPrice: Scalars['Money']['output'];
};

export type CheckoutInput = {
  idempotencyKey: Scalars['String']['input'];
};

export type CreateProductInput = {
  category?: InputMaybe<Scalars['String']['input']>;
  description?: InputMaybe<Scalars['String']['input']>;
  initialStock?: InputMaybe<Scalars['Int']['input']>;
  name: Scalars['String']['input'];
  price: Scalars['Money']['input'];
  sku: Scalars['String']['input'];
  tags?: InputMaybe<Array<TagInput>>;
};

export type DomainEvent = {
  __typename?: 'DomainEvent';
  data: Scalars['JSON']['output'];
  occurredAt: Scalars['DateTime']['output'];
  /** Position in the global log, opaque but ordered. */
  position: Scalars['String']['output'];
  streamId: Scalars['String']['output'];
  /** e.g. OrderPlaced */
  type: Scalars['String']['output'];
  /** Position within its stream, from 0. */
  version: Scalars['Int']['output'];
};

export type FacetValue = {
  __typename?: 'FacetValue';
  count: Scalars['Int']['output'];
  value: Scalars['String']['output'];
};

export type InventoryLevel = {
  __typename?: 'InventoryLevel';
  /** onHand - reserved; never negative. */
  available: Scalars['Int']['output'];
  /** Physically in stock, reservations included. */
  onHand: Scalars['Int']['output'];
  productId: Scalars['ID']['output'];
  /** Held for orders awaiting payment. */
  reserved: Scalars['Int']['output'];
  /** Revision of the inventory stream that this level reflects. */
  version: Scalars['Int']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  addProductTag: Product;
  addToCart: Cart;
  adjustStock: InventoryLevel;
  /** Owner or ADMIN, only before payment. */
  cancelOrder: Order;
  /** An order from the cart; reserves stock before it returns. */
  checkout: Order;
  clearCart: Cart;
  /** ADMIN, only when PAID. */
  completeOrder: Order;
  createProduct: Product;
  login: AuthPayload;
  /** An order from explicit lines; reserves stock before it returns. */
  placeOrder: Order;
  purchase: PurchaseResult;
  purchaseAsync: PurchaseResult;
  receiveStock: InventoryLevel;
  register: AuthPayload;
  removeFromCart: Cart;
  removeProductTag: Product;
  /** The mock gateway settles the order's payment, which reaches the application only through its signed webhook. The order's owner or ADMIN. */
  simulatePayment: Payment;
  updateCartItem: Cart;
  updateProduct: Product;
};


export type MutationAddProductTagArgs = {
  productId: Scalars['ID']['input'];
  tag: TagInput;
};


export type MutationAddToCartArgs = {
  productId: Scalars['ID']['input'];
  quantity: Scalars['Int']['input'];
};


export type MutationAdjustStockArgs = {
  delta: Scalars['Int']['input'];
  productId: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};


export type MutationCancelOrderArgs = {
  id: Scalars['ID']['input'];
  reason?: InputMaybe<Scalars['String']['input']>;
};


export type MutationCheckoutArgs = {
  input: CheckoutInput;
};


export type MutationCompleteOrderArgs = {
  id: Scalars['ID']['input'];
};


export type MutationCreateProductArgs = {
  input: CreateProductInput;
};


export type MutationLoginArgs = {
  email: Scalars['String']['input'];
  password: Scalars['String']['input'];
};


export type MutationPlaceOrderArgs = {
  input: PlaceOrderInput;
};


export type MutationPurchaseArgs = {
  idempotencyKey: Scalars['String']['input'];
  productId: Scalars['ID']['input'];
  quantity?: Scalars['Int']['input'];
};


export type MutationPurchaseAsyncArgs = {
  idempotencyKey: Scalars['String']['input'];
  productId: Scalars['ID']['input'];
  quantity?: Scalars['Int']['input'];
};


export type MutationReceiveStockArgs = {
  productId: Scalars['ID']['input'];
  quantity: Scalars['Int']['input'];
};


export type MutationRegisterArgs = {
  input: RegisterInput;
};


export type MutationRemoveFromCartArgs = {
  productId: Scalars['ID']['input'];
};


export type MutationRemoveProductTagArgs = {
  name: Scalars['String']['input'];
  productId: Scalars['ID']['input'];
};


export type MutationSimulatePaymentArgs = {
  orderId: Scalars['ID']['input'];
  succeed: Scalars['Boolean']['input'];
};


export type MutationUpdateCartItemArgs = {
  productId: Scalars['ID']['input'];
  quantity: Scalars['Int']['input'];
};


export type MutationUpdateProductArgs = {
  id: Scalars['ID']['input'];
  input: UpdateProductInput;
};

export type Order = {
  __typename?: 'Order';
  createdAt: Scalars['DateTime']['output'];
  /** The order's own events, oldest first. */
  history: Array<DomainEvent>;
  id: Scalars['ID']['output'];
  items: Array<OrderItem>;
  payment?: Maybe<Payment>;
  reservationExpiresAt?: Maybe<Scalars['DateTime']['output']>;
  status: OrderStatus;
  statusReason?: Maybe<Scalars['String']['output']>;
  total: Scalars['Money']['output'];
  updatedAt: Scalars['DateTime']['output'];
  user: User;
  /** Revision of the order stream that this view reflects. */
  version: Scalars['Int']['output'];
};

export type OrderConnection = {
  __typename?: 'OrderConnection';
  edges: Array<OrderEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type OrderEdge = {
  __typename?: 'OrderEdge';
  cursor: Scalars['String']['output'];
  node: Order;
};

/** A line as it was sold: sku, name and price are snapshots. */
export type OrderItem = {
  __typename?: 'OrderItem';
  name: Scalars['String']['output'];
  product: Product;
  quantity: Scalars['Int']['output'];
  sku: Scalars['String']['output'];
  subtotal: Scalars['Money']['output'];
  unitPrice: Scalars['Money']['output'];
};

export type OrderLineInput = {
  productId: Scalars['ID']['input'];
  quantity: Scalars['Int']['input'];
};

export type OrderStatus =
  /** Stock reserved, payment initiated. */
  | 'AWAITING_PAYMENT'
  /** By the customer or an admin before payment, on payment failure, or when the reservation expired. */
  | 'CANCELLED'
  /** Fulfilled (admin). */
  | 'COMPLETED'
  /** Payment succeeded, reservation committed. */
  | 'PAID'
  /** Placed, stock not yet reserved. */
  | 'PENDING'
  /** Stock could not be reserved. */
  | 'REJECTED';

export type OrderUpdate = {
  __typename?: 'OrderUpdate';
  occurredAt: Scalars['DateTime']['output'];
  order: Order;
  orderId: Scalars['ID']['output'];
  /** Resume `myOrderUpdates` after this. */
  position: Scalars['String']['output'];
  reason?: Maybe<Scalars['String']['output']>;
  status: OrderStatus;
  version: Scalars['Int']['output'];
};

export type PageInfo = {
  __typename?: 'PageInfo';
  /** Pass as `after` to get the next page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type Payment = {
  __typename?: 'Payment';
  amount: Scalars['Money']['output'];
  id: Scalars['ID']['output'];
  provider: Scalars['String']['output'];
  status: PaymentStatus;
  transactionId?: Maybe<Scalars['String']['output']>;
};

export type PaymentStatus =
  | 'FAILED'
  | 'PENDING'
  | 'SUCCEEDED';

export type PlaceOrderInput = {
  idempotencyKey: Scalars['String']['input'];
  items: Array<OrderLineInput>;
};

export type Product = {
  __typename?: 'Product';
  category?: Maybe<Scalars['String']['output']>;
  createdAt: Scalars['DateTime']['output'];
  description?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  inventory: InventoryLevel;
  name: Scalars['String']['output'];
  price: Scalars['Money']['output'];
  /** Bought together with this product. */
  recommendations: Array<Product>;
  sku: Scalars['String']['output'];
  tags: Array<Tag>;
  updatedAt: Scalars['DateTime']['output'];
};


export type ProductRecommendationsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type ProductConnection = {
  __typename?: 'ProductConnection';
  edges: Array<ProductEdge>;
  facets: ProductFacets;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type ProductEdge = {
  __typename?: 'ProductEdge';
  cursor: Scalars['String']['output'];
  node: Product;
};

export type ProductFacets = {
  __typename?: 'ProductFacets';
  categories: Array<FacetValue>;
  tags: Array<TagFacet>;
};

export type ProductFilter = {
  category?: InputMaybe<Scalars['String']['input']>;
  inStock?: InputMaybe<Scalars['Boolean']['input']>;
  maxPrice?: InputMaybe<Scalars['Money']['input']>;
  minPrice?: InputMaybe<Scalars['Money']['input']>;
  /** A product must carry every tag given. */
  tags?: InputMaybe<Array<TagInput>>;
};

export type ProductSort =
  | 'NAME'
  | 'NEWEST'
  | 'PRICE_ASC'
  | 'PRICE_DESC'
  | 'RELEVANCE';

export type ProjectionStatus = {
  __typename?: 'ProjectionStatus';
  /** Events in the log not yet applied. */
  lagEvents: Scalars['Int']['output'];
  /** Age of the oldest unapplied event; null when caught up. */
  lagMs?: Maybe<Scalars['Int']['output']>;
  name: Scalars['String']['output'];
  /** Last global position applied. */
  position: Scalars['String']['output'];
  /** RUNNING, REBUILDING, STOPPED or FAILED. */
  state: Scalars['String']['output'];
};

export type PurchaseOutcome =
  | 'QUEUED'
  | 'REJECTED'
  | 'RESERVED'
  | 'SOLD_OUT';

export type PurchaseResult = {
  __typename?: 'PurchaseResult';
  order?: Maybe<Order>;
  outcome: PurchaseOutcome;
  ticketId: Scalars['ID']['output'];
};

export type Query = {
  __typename?: 'Query';
  cart: Cart;
  inventory?: Maybe<InventoryLevel>;
  /** The signed-in user; null when anonymous. */
  me?: Maybe<User>;
  order?: Maybe<Order>;
  /** The caller's orders; an ADMIN sees every order. */
  orders: OrderConnection;
  product?: Maybe<Product>;
  productBySku?: Maybe<Product>;
  products: ProductConnection;
  projections: Array<ProjectionStatus>;
  purchase?: Maybe<PurchaseResult>;
  /** Products bought together with this one. */
  recommendations: Array<Product>;
};


export type QueryInventoryArgs = {
  productId: Scalars['ID']['input'];
};


export type QueryOrderArgs = {
  asOf?: InputMaybe<Scalars['DateTime']['input']>;
  atVersion?: InputMaybe<Scalars['Int']['input']>;
  id: Scalars['ID']['input'];
};


export type QueryOrdersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<OrderStatus>;
};


export type QueryProductArgs = {
  id: Scalars['ID']['input'];
};


export type QueryProductBySkuArgs = {
  sku: Scalars['String']['input'];
};


export type QueryProductsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ProductFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  search?: InputMaybe<Scalars['String']['input']>;
  sort?: InputMaybe<ProductSort>;
};


export type QueryPurchaseArgs = {
  ticketId: Scalars['ID']['input'];
};


export type QueryRecommendationsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  productId: Scalars['ID']['input'];
};

export type RegisterInput = {
  email: Scalars['String']['input'];
  name?: InputMaybe<Scalars['String']['input']>;
  password: Scalars['String']['input'];
};

export type Role =
  | 'ADMIN'
  | 'CUSTOMER';

export type Subscription = {
  __typename?: 'Subscription';
  inventoryChanged: InventoryLevel;
  /** Every update of the caller's orders after the position given, then live ones. */
  myOrderUpdates: OrderUpdate;
  /** Replays the order's updates after fromVersion, then goes live; owner or ADMIN. */
  orderUpdated: OrderUpdate;
  purchaseSettled: PurchaseResult;
};


export type SubscriptionInventoryChangedArgs = {
  productId: Scalars['ID']['input'];
};


export type SubscriptionMyOrderUpdatesArgs = {
  fromPosition?: InputMaybe<Scalars['String']['input']>;
};


export type SubscriptionOrderUpdatedArgs = {
  fromVersion?: InputMaybe<Scalars['Int']['input']>;
  orderId: Scalars['ID']['input'];
};


export type SubscriptionPurchaseSettledArgs = {
  ticketId: Scalars['ID']['input'];
};

export type Tag = {
  __typename?: 'Tag';
  name: Scalars['String']['output'];
  value: Scalars['String']['output'];
};

export type TagFacet = {
  __typename?: 'TagFacet';
  name: Scalars['String']['output'];
  values: Array<FacetValue>;
};

export type TagInput = {
  name: Scalars['String']['input'];
  value: Scalars['String']['input'];
};

export type UpdateProductInput = {
  category?: InputMaybe<Scalars['String']['input']>;
  description?: InputMaybe<Scalars['String']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
  price?: InputMaybe<Scalars['Money']['input']>;
};

export type User = {
  __typename?: 'User';
  createdAt: Scalars['DateTime']['output'];
  email: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  name?: Maybe<Scalars['String']['output']>;
  role: Role;
};

export type BrowseProductsQueryVariables = Exact<{
  search?: InputMaybe<Scalars['String']['input']>;
}>;


export type BrowseProductsQuery = { __typename?: 'Query', products: { __typename?: 'ProductConnection', totalCount: number, edges: Array<{ __typename?: 'ProductEdge', node: { __typename?: 'Product', id: string, inventory: { __typename?: 'InventoryLevel', available: number } } }> } };

export type AddToCartMutationVariables = Exact<{
  productId: Scalars['ID']['input'];
  quantity: Scalars['Int']['input'];
}>;


export type AddToCartMutation = { __typename?: 'Mutation', addToCart: { __typename?: 'Cart', total: number, itemCount: number, items: Array<{ __typename?: 'CartItem', subtotal: number }> } };

export type CheckoutMutationVariables = Exact<{
  idempotencyKey: Scalars['String']['input'];
}>;


export type CheckoutMutation = { __typename?: 'Mutation', checkout: { __typename?: 'Order', id: string, status: OrderStatus, total: number, version: number, payment?: { __typename?: 'Payment', id: string, status: PaymentStatus, amount: number } | null } };

export type InventoryLevelQueryVariables = Exact<{
  productId: Scalars['ID']['input'];
}>;


export type InventoryLevelQuery = { __typename?: 'Query', inventory?: { __typename?: 'InventoryLevel', onHand: number, reserved: number, available: number } | null };

export type SimulatePaymentMutationVariables = Exact<{
  orderId: Scalars['ID']['input'];
  succeed: Scalars['Boolean']['input'];
}>;


export type SimulatePaymentMutation = { __typename?: 'Mutation', simulatePayment: { __typename?: 'Payment', status: PaymentStatus } };

export type OrderAfterPaymentQueryVariables = Exact<{
  orderId: Scalars['ID']['input'];
  productId: Scalars['ID']['input'];
}>;


export type OrderAfterPaymentQuery = { __typename?: 'Query', order?: { __typename?: 'Order', status: OrderStatus } | null, cart: { __typename?: 'Cart', itemCount: number }, inventory?: { __typename?: 'InventoryLevel', onHand: number, reserved: number } | null };

export type OrderUpdatedSubscriptionVariables = Exact<{
  orderId: Scalars['ID']['input'];
  fromVersion?: InputMaybe<Scalars['Int']['input']>;
}>;


export type OrderUpdatedSubscription = { __typename?: 'Subscription', orderUpdated: { __typename?: 'OrderUpdate', orderId: string, status: OrderStatus, version: number, position: string, order: { __typename?: 'Order', status: OrderStatus } } };


export const BrowseProductsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BrowseProducts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"search"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"products"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"search"},"value":{"kind":"Variable","name":{"kind":"Name","value":"search"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"inStock"},"value":{"kind":"BooleanValue","value":true}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"inventory"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"available"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<BrowseProductsQuery, BrowseProductsQueryVariables>;
export const AddToCartDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddToCart"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"productId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"quantity"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addToCart"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"productId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"productId"}}},{"kind":"Argument","name":{"kind":"Name","value":"quantity"},"value":{"kind":"Variable","name":{"kind":"Name","value":"quantity"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"itemCount"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"subtotal"}}]}}]}}]}}]} as unknown as DocumentNode<AddToCartMutation, AddToCartMutationVariables>;
export const CheckoutDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Checkout"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"idempotencyKey"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"checkout"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"idempotencyKey"},"value":{"kind":"Variable","name":{"kind":"Name","value":"idempotencyKey"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"payment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}}]}}]}}]}}]} as unknown as DocumentNode<CheckoutMutation, CheckoutMutationVariables>;
export const InventoryLevelDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"InventoryLevel"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"productId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"inventory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"productId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"productId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"onHand"}},{"kind":"Field","name":{"kind":"Name","value":"reserved"}},{"kind":"Field","name":{"kind":"Name","value":"available"}}]}}]}}]} as unknown as DocumentNode<InventoryLevelQuery, InventoryLevelQueryVariables>;
export const SimulatePaymentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SimulatePayment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"succeed"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"simulatePayment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"orderId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderId"}}},{"kind":"Argument","name":{"kind":"Name","value":"succeed"},"value":{"kind":"Variable","name":{"kind":"Name","value":"succeed"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<SimulatePaymentMutation, SimulatePaymentMutationVariables>;
export const OrderAfterPaymentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OrderAfterPayment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"productId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"order"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cart"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"itemCount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"inventory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"productId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"productId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"onHand"}},{"kind":"Field","name":{"kind":"Name","value":"reserved"}}]}}]}}]} as unknown as DocumentNode<OrderAfterPaymentQuery, OrderAfterPaymentQueryVariables>;
export const OrderUpdatedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"OrderUpdated"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"fromVersion"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orderUpdated"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"orderId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderId"}}},{"kind":"Argument","name":{"kind":"Name","value":"fromVersion"},"value":{"kind":"Variable","name":{"kind":"Name","value":"fromVersion"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orderId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"order"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]} as unknown as DocumentNode<OrderUpdatedSubscription, OrderUpdatedSubscriptionVariables>;