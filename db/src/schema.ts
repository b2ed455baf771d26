// Table types for Kysely: the one description of the database both SQLite and PostgreSQL share.
// Money is integer minor units (*_minor); ledger quantities are integer thousandths (*_milli) so SQL sums stay exact.

import type { Generated } from 'kysely';

export interface CompaniesTable {
  id: Generated<number>;
  name: string;
  country: string;
  currency: string;
  tax_number: string | null;
  vat_rounding: string;
  cash_rounding: string;
  lock_date: string | null;
  created_at: string;
}

export interface WarehousesTable {
  id: Generated<number>;
  company_id: number;
  code: string;
  name: string;
  negative_stock: string;
  is_transit: number;
}

export interface UserGroupsTable {
  id: Generated<number>;
  code: string;
  name: string;
}

export interface GroupRightsTable {
  group_id: number;
  right_code: string;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  name: string;
  password_hash: string | null;
  pin_hash: string | null;
  pin_lookup: string | null;
  group_id: number;
  language: string;
  active: number;
  created_at: string;
}

export interface SessionsTable {
  id: string;
  user_id: number;
  created_at: string;
  expires_at: string;
}

export interface ApiKeysTable {
  id: Generated<number>;
  name: string;
  prefix: string;
  key_hash: string;
  scopes: string;
  created_at: string;
  revoked_at: string | null;
}

export interface UnitsTable {
  code: string;
  name: string;
  decimals: number;
}

export interface VatGroupsTable {
  id: Generated<number>;
  code: string;
  name: string;
  rate: string;
}

export interface ItemGroupsTable {
  id: Generated<number>;
  code: string;
  name: string;
  parent_id: number | null;
}

export interface ItemsTable {
  id: Generated<number>;
  code: string;
  name: string;
  unit: string;
  vat_group_id: number;
  group_id: number | null;
  goods_type: string;
  weighted: number;
  marked: number;
  produced: number;
  costing: string;
  standard_cost_minor: number | null;
  active: number;
  updated_at: string;
  change_seq: number;
}

export interface BarcodesTable {
  code: string;
  item_id: number;
  pack_quantity: string;
}

export interface PriceGroupsTable {
  id: Generated<number>;
  code: string;
  name: string;
  currency: string;
  tax_included: number;
  is_default: number;
}

export interface PricesTable {
  id: Generated<number>;
  price_group_id: number;
  item_id: number;
  price_minor: number;
  valid_from: string;
  created_at: string;
}

export interface PartnersTable {
  id: Generated<number>;
  code: string;
  name: string;
  tax_number: string | null;
  bank_account: string | null;
  kind: string;
  price_group_id: number | null;
}

/** A supplier's agreed net purchase price of an item over a period (migration 009); valid_to inclusive, null = open. */
export interface ContractPricesTable {
  id: Generated<number>;
  partner_id: number;
  item_id: number;
  price_minor: number;
  currency: string;
  valid_from: string;
  valid_to: string | null;
  created_by: number | null;
  created_at: string;
}

export interface NumberSeriesTable {
  id: Generated<number>;
  code: string;
  doc_type: string;
  year: number;
  next_number: number;
  format: string;
}

export interface DocumentsTable {
  id: Generated<number>;
  company_id: number;
  type: string;
  series_code: string;
  year: number;
  number_seq: number;
  number: string;
  status: string;
  date: string;
  warehouse_id: number | null;
  to_warehouse_id: number | null;
  partner_id: number | null;
  currency: string;
  total_minor: number;
  reason: string | null;
  reverses_id: number | null;
  reversed_by_id: number | null;
  idempotency_key: string | null;
  payload: string | null;
  created_by: number | null;
  created_at: string;
  posted_at: string | null;
  version: number;
  /** Migration 005: the document this one was made from (order → receiving, receiving → return, stocktake → surplus). */
  base_document_id: number | null;
}

export interface DocumentLinesTable {
  id: Generated<number>;
  document_id: number;
  line_no: number;
  item_id: number;
  quantity: string;
  price_minor: number;
  discount_minor: number;
  amount_minor: number;
  vat_rate: string;
}

export interface StockMovementsTable {
  id: Generated<number>;
  document_id: number;
  item_id: number;
  warehouse_id: number;
  quantity_milli: number;
  value_minor: number;
  date: string;
}

export interface StockBalancesTable {
  item_id: number;
  warehouse_id: number;
  quantity_milli: number;
  value_minor: number;
  last_unit_cost: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  user_id: number | null;
  action: string;
  entity: string;
  entity_id: string;
  before: string | null;
  after: string | null;
}

export interface IdempotencyKeysTable {
  scope: string;
  key: string;
  request_hash: string;
  status_code: number;
  response: string;
  created_at: string;
}

// Online shop orders (integrations/src/shop): quantities in thousandths, money in minor units, as in the ledger.
export interface ShopOrdersTable {
  id: Generated<number>;
  api_key_id: number;
  idempotency_key: string;
  request_hash: string;
  external_ref: string | null;
  status: string;
  payment: string;
  allow_substitutions: number;
  warehouse_id: number;
  currency: string;
  total_minor: number;
  customer: string | null;
  note: string | null;
  sale_document_id: number | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface ShopOrderLinesTable {
  id: Generated<number>;
  order_id: number;
  line_no: number;
  item_id: number;
  ordered_milli: number;
  picked_milli: number | null;
  price_minor: number;
  substitute_for_line_id: number | null;
}

export interface ShopOrderEventsTable {
  id: Generated<number>;
  order_id: number;
  from_status: string | null;
  to_status: string;
  at: string;
  detail: string | null;
}

export interface OrderReservationsTable {
  id: Generated<number>;
  order_id: number;
  item_id: number;
  warehouse_id: number;
  quantity_milli: number;
  created_at: string;
}

/** What shop orders hold per item and warehouse: the sum of order_reservations, updated in the same transaction. */
export interface StockReservedTable {
  item_id: number;
  warehouse_id: number;
  quantity_milli: number;
}

export interface ShopWebhooksTable {
  id: Generated<number>;
  api_key_id: number;
  url: string;
  secret: string;
  active: number;
  created_at: string;
}

export interface ShopOutboxTable {
  id: Generated<number>;
  order_id: number;
  api_key_id: number;
  event_type: string;
  payload: string;
  created_at: string;
}

export interface ShopWebhookDeliveriesTable {
  id: Generated<number>;
  outbox_id: number;
  webhook_id: number;
  order_id: number;
  status: string;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  delivered_at: string | null;
  created_at: string;
}

export interface ShopWebhookAttemptsTable {
  id: Generated<number>;
  delivery_id: number;
  at: string;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
}

// Production (migration 003): recipe versions, their components, consumption by recipe, marked units.
export interface RecipesTable {
  id: Generated<number>;
  output_item_id: number;
  version: number;
  valid_from: string;
  output_quantity: string;
  overhead_minor: number;
  note: string | null;
  created_at: string;
}

export interface RecipeComponentsTable {
  id: Generated<number>;
  recipe_id: number;
  line_no: number;
  item_id: number;
  gross_quantity: string;
  net_quantity: string;
  loss_percent: string;
  kind: string;
}

export interface RecipeConsumptionTable {
  id: Generated<number>;
  document_id: number;
  date: string;
  recipe_id: number;
  output_item_id: number;
  output_quantity_milli: number;
  cost_minor: number;
}

export interface MarkingCodesTable {
  code: string;
  gtin: string;
  serial: string;
  raw: string;
  item_id: number;
  status: string;
  receiving_document_id: number | null;
  sale_document_id: number | null;
  return_document_id: number | null;
  updated_at: string;
}

// Back office (migration 005): settings, stocktake snapshot and counts.
export interface SettingsTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface StocktakeSnapshotTable {
  document_id: number;
  item_id: number;
  book_milli: number;
  unit_cost: string;
}

export interface StocktakeCountsTable {
  id: Generated<number>;
  document_id: number;
  item_id: number;
  quantity_milli: number;
  counted_at: string;
  device: string | null;
  user_id: number | null;
  count_key: string | null;
  kind: string;
  created_at: string;
}

// Bank and cash desk (migration 006): statements from 1C, operations with partners and cash-flow budget items.
export interface BudgetItemsTable {
  id: Generated<number>;
  code: string;
  name: string;
  kind: string;
  parent_id: number | null;
  active: Generated<number>;
}

export interface BudgetRulesTable {
  id: Generated<number>;
  priority: number;
  budget_item_id: number;
  direction: string | null;
  partner_id: number | null;
  purpose_pattern: string | null;
  counterparty_tax_number: string | null;
  created_at: string;
}

export interface BankAccountsTable {
  id: Generated<number>;
  account: string;
  name: string | null;
  created_at: string;
}

/** The scheduled 1C exchange's settings: one row (id 1), JSON. */
export interface ExchangeSettingsTable {
  id: number;
  value: string;
  updated_at: string;
}

/** One exchange run: 'schedule' | 'manual' | 'http', 'folder' | 'http', 'running' | 'ok' | 'failed'. */
export interface ExchangeRunsTable {
  id: Generated<number>;
  trigger: string;
  mode: string;
  status: string;
  started_at: string;
  finished_at: string | null;
  period_from: string | null;
  period_to: string | null;
  progress_done: number;
  progress_total: number;
  error: string | null;
}

/** A file sent or received in a run; counts is JSON. */
export interface ExchangeEntriesTable {
  id: Generated<number>;
  run_id: number;
  direction: string;
  file_name: string;
  status: string;
  counts: string;
  error: string | null;
  at: string;
}

export interface BankStatementsTable {
  id: Generated<number>;
  file_hash: string;
  file_name: string | null;
  format_version: string;
  bank_account_id: number | null;
  period_from: string | null;
  period_to: string | null;
  documents_total: number;
  imported_count: number;
  duplicate_count: number;
  imported_by: number | null;
  imported_at: string;
}

export interface BankOperationsTable {
  id: Generated<number>;
  statement_id: number;
  bank_account_id: number | null;
  dedup_key: string;
  doc_kind: string;
  doc_number: string;
  doc_date: string;
  date: string;
  amount_minor: number;
  direction: string;
  counterparty_name: string | null;
  counterparty_tax_number: string | null;
  counterparty_account: string | null;
  purpose: string;
  partner_id: number | null;
  budget_item_id: number | null;
  rule_id: number | null;
  status: string;
  created_at: string;
  assigned_at: string | null;
  assigned_by: number | null;
}

export interface CashOperationsTable {
  id: Generated<number>;
  date: string;
  direction: string;
  amount_minor: number;
  budget_item_id: number | null;
  partner_id: number | null;
  purpose: string;
  created_by: number | null;
  created_at: string;
}

export interface Database {
  companies: CompaniesTable;
  warehouses: WarehousesTable;
  user_groups: UserGroupsTable;
  group_rights: GroupRightsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_keys: ApiKeysTable;
  units: UnitsTable;
  vat_groups: VatGroupsTable;
  item_groups: ItemGroupsTable;
  items: ItemsTable;
  barcodes: BarcodesTable;
  price_groups: PriceGroupsTable;
  prices: PricesTable;
  partners: PartnersTable;
  contract_prices: ContractPricesTable;
  number_series: NumberSeriesTable;
  documents: DocumentsTable;
  document_lines: DocumentLinesTable;
  stock_movements: StockMovementsTable;
  stock_balances: StockBalancesTable;
  audit_log: AuditLogTable;
  idempotency_keys: IdempotencyKeysTable;
  shop_orders: ShopOrdersTable;
  shop_order_lines: ShopOrderLinesTable;
  shop_order_events: ShopOrderEventsTable;
  order_reservations: OrderReservationsTable;
  stock_reserved: StockReservedTable;
  shop_webhooks: ShopWebhooksTable;
  shop_outbox: ShopOutboxTable;
  shop_webhook_deliveries: ShopWebhookDeliveriesTable;
  shop_webhook_attempts: ShopWebhookAttemptsTable;
  recipes: RecipesTable;
  recipe_components: RecipeComponentsTable;
  recipe_consumption: RecipeConsumptionTable;
  marking_codes: MarkingCodesTable;
  settings: SettingsTable;
  stocktake_snapshot: StocktakeSnapshotTable;
  stocktake_counts: StocktakeCountsTable;
  budget_items: BudgetItemsTable;
  budget_rules: BudgetRulesTable;
  bank_accounts: BankAccountsTable;
  bank_statements: BankStatementsTable;
  bank_operations: BankOperationsTable;
  cash_operations: CashOperationsTable;
  exchange_settings: ExchangeSettingsTable;
  exchange_runs: ExchangeRunsTable;
  exchange_entries: ExchangeEntriesTable;
}
