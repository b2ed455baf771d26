// Cash-flow budget items (статьи ДДС) and the rules that assign them, as stored in the database.

import { DomainError } from '@kasa/domain';
import type { Db } from '@kasa/db';
import { validateBudgetItemRules, type BudgetItemRule } from './budget-items';

export type BudgetItemKind = 'inflow' | 'outflow';

export interface BudgetItemView {
  id: number;
  code: string;
  name: string;
  kind: BudgetItemKind;
  parentId: number | null;
  active: boolean;
}

export interface BudgetRuleView {
  id: number;
  priority: number;
  budgetItemId: number;
  direction: 'in' | 'out' | null;
  partnerId: number | null;
  purposePattern: string | null;
  counterpartyTaxNumber: string | null;
}

export interface BudgetItemInput {
  code: string;
  name: string;
  kind: BudgetItemKind;
  parentId?: number | null;
  active?: boolean;
}

export interface BudgetRuleInput {
  priority?: number;
  budgetItemId: number;
  direction?: 'in' | 'out' | null;
  partnerId?: number | null;
  purposePattern?: string | null;
  counterpartyTaxNumber?: string | null;
}

type Row = { id: number; code: string; name: string; kind: string; parent_id: number | null; active: number };
const itemView = (r: Row): BudgetItemView => ({
  id: Number(r.id),
  code: r.code,
  name: r.name,
  kind: r.kind as BudgetItemKind,
  parentId: r.parent_id === null ? null : Number(r.parent_id),
  active: Number(r.active) === 1,
});

export async function listBudgetItems(db: Db): Promise<BudgetItemView[]> {
  const rows = await db.kysely.selectFrom('budget_items').selectAll().orderBy('code').execute();
  return rows.map(itemView);
}

export async function getBudgetItem(db: Db, id: number): Promise<BudgetItemView> {
  const r = await db.kysely.selectFrom('budget_items').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw new DomainError('bank.budget_item_not_found', { id }, 404);
  return itemView(r);
}

function checkItem(input: BudgetItemInput): void {
  if (!input.code.trim() || !input.name.trim()) throw new DomainError('bank.budget_item_invalid', { code: input.code }, 400);
  if (input.kind !== 'inflow' && input.kind !== 'outflow') throw new DomainError('bank.budget_item_invalid', { code: input.code }, 400);
}

async function checkParent(db: Db, id: number | null, parentId: number | null | undefined): Promise<void> {
  if (parentId === null || parentId === undefined) return;
  // Walking up from the parent must not reach the item itself.
  let cursor: number | null = parentId;
  for (let depth = 0; cursor !== null; depth++) {
    if (cursor === id || depth > 100) throw new DomainError('bank.budget_item_cycle', { id: id ?? 0, parentId }, 400);
    const p: { parent_id: number | null } | undefined = await db.kysely.selectFrom('budget_items').select('parent_id').where('id', '=', cursor).executeTakeFirst();
    if (!p) throw new DomainError('bank.budget_item_not_found', { id: cursor }, 404);
    cursor = p.parent_id === null ? null : Number(p.parent_id);
  }
}

const isUnique = (e: unknown) => /unique|duplicate key/i.test(String((e as Error).message));

export async function createBudgetItem(db: Db, input: BudgetItemInput): Promise<BudgetItemView> {
  checkItem(input);
  await checkParent(db, null, input.parentId);
  try {
    const r = await db.kysely
      .insertInto('budget_items')
      .values({ code: input.code.trim(), name: input.name.trim(), kind: input.kind, parent_id: input.parentId ?? null, active: input.active === false ? 0 : 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    return getBudgetItem(db, Number(r.id));
  } catch (e) {
    if (isUnique(e)) throw new DomainError('bank.budget_item_code_taken', { code: input.code }, 409);
    throw e;
  }
}

export async function updateBudgetItem(db: Db, id: number, input: BudgetItemInput): Promise<BudgetItemView> {
  await getBudgetItem(db, id);
  checkItem(input);
  await checkParent(db, id, input.parentId);
  try {
    await db.kysely
      .updateTable('budget_items')
      .set({ code: input.code.trim(), name: input.name.trim(), kind: input.kind, parent_id: input.parentId ?? null, active: input.active === false ? 0 : 1 })
      .where('id', '=', id)
      .execute();
  } catch (e) {
    if (isUnique(e)) throw new DomainError('bank.budget_item_code_taken', { code: input.code }, 409);
    throw e;
  }
  return getBudgetItem(db, id);
}

/** An item that operations, rules or sub-items use is kept (deactivate it instead). */
export async function deleteBudgetItem(db: Db, id: number): Promise<void> {
  const item = await getBudgetItem(db, id);
  const used = await Promise.all([
    db.kysely.selectFrom('bank_operations').select('id').where('budget_item_id', '=', id).limit(1).executeTakeFirst(),
    db.kysely.selectFrom('cash_operations').select('id').where('budget_item_id', '=', id).limit(1).executeTakeFirst(),
    db.kysely.selectFrom('budget_rules').select('id').where('budget_item_id', '=', id).limit(1).executeTakeFirst(),
    db.kysely.selectFrom('budget_items').select('id').where('parent_id', '=', id).limit(1).executeTakeFirst(),
  ]);
  if (used.some(Boolean)) throw new DomainError('bank.budget_item_in_use', { code: item.code }, 409);
  await db.kysely.deleteFrom('budget_items').where('id', '=', id).execute();
}

type RuleRow = { id: number; priority: number; budget_item_id: number; direction: string | null; partner_id: number | null; purpose_pattern: string | null; counterparty_tax_number: string | null };
const ruleView = (r: RuleRow): BudgetRuleView => ({
  id: Number(r.id),
  priority: Number(r.priority),
  budgetItemId: Number(r.budget_item_id),
  direction: (r.direction as 'in' | 'out' | null) ?? null,
  partnerId: r.partner_id === null ? null : Number(r.partner_id),
  purposePattern: r.purpose_pattern,
  counterpartyTaxNumber: r.counterparty_tax_number,
});

/** In the order they are tried: priority ascending, then the older rule first. */
export async function listBudgetRules(db: Db): Promise<BudgetRuleView[]> {
  const rows = await db.kysely.selectFrom('budget_rules').selectAll().orderBy('priority').orderBy('id').execute();
  return rows.map(ruleView);
}

/** The stored rule as the pure matcher takes it (directions in the parser's words, ids as strings). */
export function matcherRule(r: BudgetRuleView): BudgetItemRule {
  return {
    budgetItemId: String(r.budgetItemId),
    direction: r.direction === 'in' ? 'incoming' : r.direction === 'out' ? 'outgoing' : undefined,
    partnerId: r.partnerId === null ? undefined : String(r.partnerId),
    purposePattern: r.purposePattern ?? undefined,
    counterpartyTaxNumber: r.counterpartyTaxNumber ?? undefined,
  };
}

const blank = (s: string | null | undefined) => (s === undefined || s === null || s.trim() === '' ? null : s.trim());

async function checkRule(db: Db, input: BudgetRuleInput): Promise<Omit<RuleRow, 'id' | 'priority'>> {
  await getBudgetItem(db, input.budgetItemId);
  if (input.partnerId !== null && input.partnerId !== undefined) {
    const p = await db.kysely.selectFrom('partners').select('id').where('id', '=', input.partnerId).executeTakeFirst();
    if (!p) throw new DomainError('bank.partner_not_found', { id: input.partnerId }, 404);
  }
  const row = {
    budget_item_id: input.budgetItemId,
    direction: input.direction ?? null,
    partner_id: input.partnerId ?? null,
    purpose_pattern: blank(input.purposePattern),
    counterparty_tax_number: blank(input.counterpartyTaxNumber),
  };
  validateBudgetItemRules([matcherRule(ruleView({ id: 0, priority: 0, ...row }))]);
  return row;
}

export async function createBudgetRule(db: Db, input: BudgetRuleInput): Promise<BudgetRuleView> {
  const row = await checkRule(db, input);
  let priority = input.priority;
  if (priority === undefined) {
    const max = await db.kysely.selectFrom('budget_rules').select((eb) => eb.fn.max('priority').as('p')).executeTakeFirst();
    priority = Number(max?.p ?? 0) + 10;
  }
  const r = await db.kysely
    .insertInto('budget_rules')
    .values({ ...row, priority, created_at: new Date().toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return ruleView((await db.kysely.selectFrom('budget_rules').selectAll().where('id', '=', Number(r.id)).executeTakeFirstOrThrow()) as RuleRow);
}

export async function updateBudgetRule(db: Db, id: number, input: BudgetRuleInput): Promise<BudgetRuleView> {
  const old = await db.kysely.selectFrom('budget_rules').selectAll().where('id', '=', id).executeTakeFirst();
  if (!old) throw new DomainError('bank.rule_not_found', { id }, 404);
  const row = await checkRule(db, input);
  await db.kysely.updateTable('budget_rules').set({ ...row, priority: input.priority ?? Number(old.priority) }).where('id', '=', id).execute();
  return ruleView((await db.kysely.selectFrom('budget_rules').selectAll().where('id', '=', id).executeTakeFirstOrThrow()) as RuleRow);
}

export async function deleteBudgetRule(db: Db, id: number): Promise<void> {
  const r = await db.kysely.deleteFrom('budget_rules').where('id', '=', id).executeTakeFirst();
  if (Number(r.numDeletedRows) === 0) throw new DomainError('bank.rule_not_found', { id }, 404);
}
