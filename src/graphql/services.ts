import type {
  Actor,
  AuthPayloadView,
  CartView,
  DomainEventView,
  InventoryView,
  OrderStatus,
  OrderUpdateView,
  OrderView,
  PageView,
  PaymentView,
  ProductPageView,
  ProductView,
  ProjectionStatusView,
  PurchaseResultView,
  TagView,
  UserView,
} from './views';

/*
 * What the GraphQL layer needs from the application, and nothing more. Every method reports a
 * refusal by throwing `AppError` (src/application/app-error.ts) with the contract's code; any other
 * throw is treated as a bug and reaches the client only as INTERNAL_SERVER_ERROR.
 *
 * Methods taking an `Actor` authorize against it (owner or ADMIN). The GraphQL layer has already
 * checked that a caller is signed in (and ADMIN where the contract says so) before calling them.
 * Methods without an actor are trusted reads used by the per-request loaders.
 *
 * Batch reads (`…ByIds`) return the rows found, in any order; absent ids are simply missing.
 */

export interface RegisterCommand {
  email: string;
  password: string;
  name: string | null;
}

export interface AuthService {
  /** Creates a CUSTOMER account. CONFLICT when the email is taken. */
  register(command: RegisterCommand): Promise<AuthPayloadView>;
  /** UNAUTHENTICATED when the email or password is wrong (without saying which). */
  login(email: string, password: string, clientIp: string): Promise<AuthPayloadView>;
  /** The actor a bearer token stands for; null when the token is invalid or expired. */
  verifyToken(token: string): Promise<Actor | null>;
}

export interface UserService {
  usersByIds(ids: readonly string[]): Promise<UserView[]>;
}

export interface ProductFilterQuery {
  category: string | null;
  /** A product must carry every tag given. */
  tags: TagView[];
  minPrice: number | null;
  maxPrice: number | null;
  inStock: boolean | null;
}

export type ProductSort = 'RELEVANCE' | 'NEWEST' | 'PRICE_ASC' | 'PRICE_DESC' | 'NAME';

export interface ProductSearchQuery {
  search: string | null;
  filter: ProductFilterQuery | null;
  sort: ProductSort;
  /** 0..100, already validated. */
  first: number;
  /** An `endCursor` of an earlier page; BAD_USER_INPUT when it cannot be decoded. */
  after: string | null;
}

export interface CatalogService {
  productsByIds(ids: readonly string[]): Promise<ProductView[]>;
  productBySku(sku: string): Promise<ProductView | null>;
  searchProducts(query: ProductSearchQuery): Promise<ProductPageView>;
  /** For each product id, up to `first` products bought together with it, best first. */
  recommendations(
    productIds: readonly string[],
    first: number,
  ): Promise<ReadonlyMap<string, ProductView[]>>;
}

export interface CreateProductCommand {
  sku: string;
  name: string;
  description: string | null;
  price: number;
  category: string | null;
  tags: TagView[];
  initialStock: number;
}

/** Absent keys stay unchanged; null clears a nullable field. */
export interface ProductPatch {
  name?: string;
  description?: string | null;
  price?: number;
  category?: string | null;
}

/** ADMIN commands on the catalogue; the actor is recorded as who did it. */
export interface CatalogAdminService {
  /** CONFLICT when the sku is taken. */
  createProduct(actor: Actor, command: CreateProductCommand): Promise<ProductView>;
  updateProduct(actor: Actor, productId: string, patch: ProductPatch): Promise<ProductView>;
  /** Sets the tag's value, replacing an existing tag of the same name. */
  addProductTag(actor: Actor, productId: string, tag: TagView): Promise<ProductView>;
  removeProductTag(actor: Actor, productId: string, name: string): Promise<ProductView>;
}

export interface InventoryService {
  /** A level for every existing product, zeros for one never stocked; none for an unknown id. */
  levelsByProductIds(productIds: readonly string[]): Promise<InventoryView[]>;
  receiveStock(actor: Actor, productId: string, quantity: number): Promise<InventoryView>;
  /** INVALID_STATE when the change would take `available` below zero. */
  adjustStock(
    actor: Actor,
    productId: string,
    delta: number,
    reason: string,
  ): Promise<InventoryView>;
  /** Every later change of the product's level, live, until the consumer stops iterating. */
  inventoryChanges(productId: string): Promise<AsyncIterable<InventoryView>>;
}

export interface CartService {
  cart(actor: Actor): Promise<CartView>;
  addToCart(actor: Actor, productId: string, quantity: number): Promise<CartView>;
  /** A quantity of 0 removes the line. */
  updateCartItem(actor: Actor, productId: string, quantity: number): Promise<CartView>;
  removeFromCart(actor: Actor, productId: string): Promise<CartView>;
  clearCart(actor: Actor): Promise<CartView>;
}

export interface OrderLineCommand {
  productId: string;
  quantity: number;
}

export interface PlaceOrderCommand {
  items: OrderLineCommand[];
  idempotencyKey: string;
}

/** A point in an order's past: a moment, or a version of its stream. */
export type OrderPointInTime = { asOf: Date } | { atVersion: number };

export interface OrdersPageQuery {
  /** Whose orders; null for every user's (the GraphQL layer passes null only for an ADMIN). */
  userId: string | null;
  status: OrderStatus | null;
  first: number;
  after: string | null;
}

export interface OrderService {
  /** Orders from the cart; stock is reserved before it returns. Idempotent per user and key. */
  checkout(actor: Actor, idempotencyKey: string): Promise<OrderView>;
  /** Orders from explicit lines; stock is reserved before it returns. Idempotent per user and key. */
  placeOrder(actor: Actor, command: PlaceOrderCommand): Promise<OrderView>;
  /** Owner or ADMIN, only before payment (INVALID_STATE otherwise). */
  cancelOrder(actor: Actor, orderId: string, reason: string | null): Promise<OrderView>;
  /** ADMIN, only when PAID. */
  completeOrder(actor: Actor, orderId: string): Promise<OrderView>;
  /** Null when the order does not exist or the actor may not see it. */
  orderById(actor: Actor, orderId: string): Promise<OrderView | null>;
  /** The order as it stood then, rebuilt from its events; null as for `orderById`. */
  orderAsOf(actor: Actor, orderId: string, at: OrderPointInTime): Promise<OrderView | null>;
  ordersByIds(orderIds: readonly string[]): Promise<OrderView[]>;
  ordersPage(query: OrdersPageQuery): Promise<PageView<OrderView>>;
  /** Each order's own events, oldest first. */
  orderHistories(orderIds: readonly string[]): Promise<ReadonlyMap<string, DomainEventView[]>>;
  /**
   * The order's updates after `fromVersion` (all when null), then live ones, each exactly once
   * and in version order. Rejects (NOT_FOUND / FORBIDDEN) unless the actor owns it or is ADMIN.
   */
  orderUpdates(
    actor: Actor,
    orderId: string,
    fromVersion: number | null,
  ): Promise<AsyncIterable<OrderUpdateView>>;
  /** Updates of the actor's orders after a global position (all when null), then live ones. */
  myOrderUpdates(
    actor: Actor,
    fromPosition: string | null,
  ): Promise<AsyncIterable<OrderUpdateView>>;
}

export interface PurchaseCommand {
  productId: string;
  quantity: number;
  idempotencyKey: string;
}

export interface PurchaseService {
  /** Reserves the line before it returns. Idempotent per user and key. */
  purchase(actor: Actor, command: PurchaseCommand): Promise<PurchaseResultView>;
  /** Queues the line and answers QUEUED at once. Idempotent per user and key. */
  purchaseAsync(actor: Actor, command: PurchaseCommand): Promise<PurchaseResultView>;
  /** Null when the ticket does not exist or is not the actor's (ADMIN sees all). */
  purchaseTicket(actor: Actor, ticketId: string): Promise<PurchaseResultView | null>;
  /** Yields the ticket's result once it is settled (at once if it already is), then ends. */
  purchaseSettled(actor: Actor, ticketId: string): Promise<AsyncIterable<PurchaseResultView>>;
}

export interface PaymentService {
  /** The mock gateway settles the order's payment; owner or ADMIN. */
  simulatePayment(actor: Actor, orderId: string, succeed: boolean): Promise<PaymentView>;
}

export interface ProjectionService {
  projectionStatuses(): Promise<ProjectionStatusView[]>;
}

/** Everything the resolvers call, grouped by area; one instance for the whole server. */
export interface GraphQLServices {
  auth: AuthService;
  users: UserService;
  catalog: CatalogService;
  catalogAdmin: CatalogAdminService;
  inventory: InventoryService;
  cart: CartService;
  orders: OrderService;
  purchases: PurchaseService;
  payments: PaymentService;
  projections: ProjectionService;
}
