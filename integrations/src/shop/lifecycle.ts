// The online order's lifecycle as data: which status may follow which, for orders paid online and paid on delivery.
// Pure: the order store asks it before every change.

import { DomainError } from '@kasa/domain';

export const ORDER_STATUSES = [
  'new',
  'reserved',
  'picking',
  'ready',
  'paid',
  'fiscalized',
  'shipped',
  'delivered',
  'closed',
  'cancelled',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const PAYMENT_METHODS = ['online', 'on_delivery'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

// Paid online: the shop marks it paid before it leaves; paid on delivery: the courier collects, then it is fiscalized.
const PATHS: Record<PaymentMethod, OrderStatus[]> = {
  online: ['new', 'reserved', 'picking', 'ready', 'paid', 'fiscalized', 'shipped', 'delivered', 'closed'],
  on_delivery: ['new', 'reserved', 'picking', 'ready', 'shipped', 'delivered', 'paid', 'fiscalized', 'closed'],
};

/** Before this status the goods are still in the store: the order may be cancelled and its reservation released. */
export function isCancellable(status: OrderStatus, payment: PaymentMethod): boolean {
  const path = PATHS[payment];
  const i = path.indexOf(status);
  return i >= 0 && i < path.indexOf('shipped');
}

export function allowedNext(status: OrderStatus, payment: PaymentMethod): OrderStatus[] {
  const path = PATHS[payment];
  const i = path.indexOf(status);
  const next: OrderStatus[] = i >= 0 && i < path.length - 1 ? [path[i + 1]!] : [];
  if (isCancellable(status, payment)) next.push('cancelled');
  return next;
}

/** Refuses an illegal change with 409 `order.transition` naming both statuses. */
export function assertTransition(from: OrderStatus, to: OrderStatus, payment: PaymentMethod): void {
  if (!allowedNext(from, payment).includes(to)) throw new DomainError('order.transition', { from, to }, 409);
}
