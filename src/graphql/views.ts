/**
 * Plain read shapes that the application services hand to the GraphQL layer. Money is an integer
 * amount in minor units; times are Dates; ids are strings.
 */

export type Role = 'CUSTOMER' | 'ADMIN';

/** Who is calling: taken from a verified token, or null for an anonymous caller. */
export interface Actor {
  userId: string;
  role: Role;
}

export interface UserView {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  createdAt: Date;
}

export interface AuthPayloadView {
  token: string;
  user: UserView;
}

export interface TagView {
  name: string;
  value: string;
}

export interface ProductView {
  id: string;
  sku: string;
  name: string;
  description: string | null;
  price: number;
  category: string | null;
  tags: TagView[];
  createdAt: Date;
  updatedAt: Date;
}

export interface InventoryView {
  productId: string;
  onHand: number;
  reserved: number;
  available: number;
  version: number;
}

/** One row of a page with the opaque cursor that resumes after it. */
export interface CursorRow<T> {
  cursor: string;
  node: T;
}

/** A forward page of a longer list (Relay style). */
export interface PageView<T> {
  rows: CursorRow<T>[];
  hasNextPage: boolean;
  endCursor: string | null;
  totalCount: number;
}

export interface FacetValueView {
  value: string;
  count: number;
}

export interface ProductFacetsView {
  categories: FacetValueView[];
  tags: { name: string; values: FacetValueView[] }[];
}

export interface ProductPageView extends PageView<ProductView> {
  facets: ProductFacetsView;
}

export interface CartItemView {
  productId: string;
  quantity: number;
  unitPrice: number;
}

export interface CartView {
  items: CartItemView[];
  total: number;
  itemCount: number;
  expiresAt: Date | null;
}

export type OrderStatus =
  'PENDING' | 'AWAITING_PAYMENT' | 'PAID' | 'COMPLETED' | 'CANCELLED' | 'REJECTED';

export type PaymentStatus = 'PENDING' | 'SUCCEEDED' | 'FAILED';

export interface PaymentView {
  id: string;
  status: PaymentStatus;
  amount: number;
  provider: string;
  transactionId: string | null;
}

/** A line as it was sold: sku, name and price are snapshots taken when the order was placed. */
export interface OrderItemView {
  productId: string;
  sku: string;
  name: string;
  quantity: number;
  unitPrice: number;
}

export interface OrderView {
  id: string;
  userId: string;
  status: OrderStatus;
  items: OrderItemView[];
  total: number;
  payment: PaymentView | null;
  statusReason: string | null;
  reservationExpiresAt: Date | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface DomainEventView {
  type: string;
  streamId: string;
  version: number;
  position: string;
  occurredAt: Date;
  data: unknown;
}

export interface OrderUpdateView {
  orderId: string;
  userId: string;
  status: OrderStatus;
  version: number;
  position: string;
  occurredAt: Date;
  reason: string | null;
}

export type PurchaseOutcome = 'QUEUED' | 'RESERVED' | 'SOLD_OUT' | 'REJECTED';

export interface PurchaseResultView {
  ticketId: string;
  outcome: PurchaseOutcome;
  orderId: string | null;
  userId: string;
  /** The order as the command left it, when the service already has it (saves a read). */
  order?: OrderView | null;
}

export interface ProjectionStatusView {
  name: string;
  position: string;
  lagEvents: number;
  lagMs: number | null;
  state: 'RUNNING' | 'REBUILDING' | 'STOPPED' | 'FAILED';
}
