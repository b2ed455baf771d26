// The order API for online shops: mount with registerShopApi; keys, orders and webhooks are also callable directly
// (for the back office's key management, picking terminal and delivery log).
export { registerShopApi, SHOP_API_PREFIX, type ShopApiOptions } from './api';
export { rateLimitPerMinute, DEFAULT_RATE_LIMIT, type RateLimit } from './rate-limit';
export {
  createApiKey,
  revokeApiKey,
  listApiKeys,
  ensureDemoShopKey,
  authenticateApiKey,
  hashApiKey,
  DEMO_SHOP_KEY,
  SHOP_SCOPES,
  type ShopScope,
  type ApiKeyView,
} from './api-keys';
export {
  createOrder,
  getOrder,
  listOrders,
  changeOrderStatus,
  pickOrder,
  saleKey,
  type CreateOrderInput,
  type PickLineInput,
  type OrderView,
  type OrderLineView,
  type OrderOwner,
} from './orders';
export {
  ORDER_STATUSES,
  PAYMENT_METHODS,
  allowedNext,
  assertTransition,
  isCancellable,
  type OrderStatus,
  type PaymentMethod,
} from './lifecycle';
export { cataloguePage, stockPage } from './feeds';
export {
  registerWebhook,
  listWebhooks,
  removeWebhook,
  listDeliveries,
  signatureOf,
  startWebhookDispatcher,
  type DispatcherOptions,
  type WebhookView,
  type DeliveryView,
} from './webhooks';
export { buildOpenApi, docsPage } from './openapi';
export { SHOP_MESSAGES } from './messages';
export { fiscalizeOrder, fiscalFailures, fiscalReceipt, fiscalKey, startFiscalizer, type FiscalBridge, type FiscalResult } from './fiscal';
