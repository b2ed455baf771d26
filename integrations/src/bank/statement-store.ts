// Books a bank statement file in one transaction: parse, set aside payments already booked (same file again, or
// an overlapping period), match partners by ИНН / VAT number or account, assign budget items by the stored rules,
// queue the rest for the accountant. The HTTP route and `kasa import-bank` both call importBankStatement.

import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import { DomainError } from '@kasa/domain';
import type { Database, Db } from '@kasa/db';
import { parseBankStatement } from './statement-file';
import { planStatementImport, type BalanceMismatch } from './statement-import';
import { assignBudgetItems, type BankOperation } from './budget-items';
import { listBudgetRules, matcherRule, getBudgetItem, createBudgetRule, type BudgetRuleView } from './budget-book';
import type { PaymentDirection } from './operations';
import type { RejectedDocument } from './types';

type Trx = Transaction<Database>;

export type StoredDirection = 'in' | 'out' | 'internal' | 'unknown';
export type OperationStatus = 'matched' | 'queued';

const STORED: Record<PaymentDirection, StoredDirection> = {
  incoming: 'in',
  outgoing: 'out',
  internal: 'internal',
  unknown: 'unknown',
};
const PARSED: Record<StoredDirection, PaymentDirection> = {
  in: 'incoming',
  out: 'outgoing',
  internal: 'internal',
  unknown: 'unknown',
};

export interface StatementImportSummary {
  statementId: number;
  /** The very same file was booked before: nothing was written. */
  sameFile: boolean;
  formatVersion: string;
  accounts: string[];
  periodFrom: string | null;
  periodTo: string | null;
  documents: number;
  imported: number;
  duplicates: number;
  /**
   * Payment documents that could not be read (missing Номер, bad amount…): the rest is booked, these are listed in
   * `rejections`. A broken envelope (header, encoding, cut-off file) is refused as a whole with a 400 instead.
   */
  rejected: number;
  rejections: RejectedDocument[];
  assigned: number;
  queued: number;
  partnersMatched: number;
  inMinor: number;
  outMinor: number;
  balanceMismatches: BalanceMismatch[];
}

export interface BankOperationView {
  id: number;
  statementId: number;
  docKind: string;
  docNumber: string;
  docDate: string;
  date: string;
  amountMinor: number;
  direction: StoredDirection;
  counterpartyName: string | null;
  counterpartyTaxNumber: string | null;
  counterpartyAccount: string | null;
  purpose: string;
  partnerId: number | null;
  partnerName: string | null;
  budgetItemId: number | null;
  budgetItemName: string | null;
  ruleId: number | null;
  status: OperationStatus;
}

const digits = (s: string | undefined | null) => (s ?? '').replace(/\s+/g, '');

async function inTransaction<T>(db: Db, work: (trx: Trx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.kysely.transaction().execute(work);
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (attempt >= 3 || (code !== '40P01' && code !== '40001')) throw e;
    }
  }
}

async function knownKeys(trx: Trx, keys: string[]): Promise<Set<string>> {
  const known = new Set<string>();
  for (let i = 0; i < keys.length; i += 500) {
    const chunk = keys.slice(i, i + 500);
    if (!chunk.length) continue;
    const rows = await trx.selectFrom('bank_operations').select('dedup_key').where('dedup_key', 'in', chunk).execute();
    for (const r of rows) known.add(r.dedup_key);
  }
  return known;
}

const isUniqueViolation = (e: unknown) => /unique|duplicate key/i.test(String((e as Error).message));

export async function importBankStatement(
  db: Db,
  bytes: Uint8Array,
  opts: { fileName?: string; userId?: number | null } = {},
): Promise<StatementImportSummary> {
  try {
    return await importOnce(db, bytes, opts);
  } catch (e) {
    // Someone booked the same file or an overlapping one at the same moment: the unique keys let one in; run
    // again, now seeing what they booked.
    if (!isUniqueViolation(e)) throw e;
  }
  try {
    return await importOnce(db, bytes, opts);
  } catch (e) {
    if (isUniqueViolation(e)) throw new DomainError('bank.import_conflict', {}, 409);
    throw e;
  }
}

async function importOnce(
  db: Db,
  bytes: Uint8Array,
  opts: { fileName?: string; userId?: number | null },
): Promise<StatementImportSummary> {
  // A broken file fails here, before anything is written.
  const statement = parseBankStatement(bytes);
  const fileHash = createHash('sha256').update(bytes).digest('hex');
  const h = statement.header;
  const base = {
    formatVersion: h.formatVersion,
    accounts: h.accounts,
    periodFrom: h.periodFrom ?? null,
    periodTo: h.periodTo ?? null,
    documents: statement.documents.length + statement.rejected.length,
    rejected: statement.rejected.length,
    rejections: statement.rejected,
  };
  const rules = await listBudgetRules(db);
  return inTransaction(db, async (trx) => {
    const prior = await trx
      .selectFrom('bank_statements')
      .select('id')
      .where('file_hash', '=', fileHash)
      .executeTakeFirst();
    if (prior) {
      return {
        ...base,
        statementId: Number(prior.id),
        sameFile: true,
        imported: 0,
        duplicates: statement.documents.length,
        assigned: 0,
        queued: 0,
        partnersMatched: 0,
        inMinor: 0,
        outMinor: 0,
        balanceMismatches: [],
      };
    }
    const now = new Date().toISOString();
    const accountIds = new Map<string, number>();
    for (const account of h.accounts.map(digits).filter(Boolean)) {
      let row = await trx.selectFrom('bank_accounts').select('id').where('account', '=', account).executeTakeFirst();
      row ??= await trx
        .insertInto('bank_accounts')
        .values({ account, name: null, created_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      accountIds.set(account, Number(row.id));
    }
    const ourAccounts = (await trx.selectFrom('bank_accounts').select('account').execute()).map((a) => a.account);
    const partners = await trx.selectFrom('partners').select(['id', 'tax_number', 'bank_account']).execute();
    const plan = planStatementImport(statement, {
      ourAccounts,
      partners: partners.map((p) => ({
        id: String(p.id),
        taxNumber: p.tax_number ?? undefined,
        accounts: p.bank_account ? [p.bank_account] : [],
      })),
      rules: rules.map(matcherRule),
      knownKeys: new Set(),
    });
    // Duplicates against what is booked are found by key in the database (the file's own repeats by the plan).
    const known = await knownKeys(
      trx,
      plan.operations.map((o) => o.key),
    );
    const fresh = plan.operations.filter((o) => !known.has(o.key));
    const ruleOf = new Map(plan.assigned.map((a) => [a.operation.key, rules[a.ruleIndex]!]));
    const statementRow = await trx
      .insertInto('bank_statements')
      .values({
        file_hash: fileHash,
        file_name: opts.fileName ?? null,
        format_version: h.formatVersion,
        bank_account_id: h.accounts.length === 1 ? (accountIds.get(digits(h.accounts[0])) ?? null) : null,
        period_from: h.periodFrom ?? null,
        period_to: h.periodTo ?? null,
        documents_total: statement.documents.length + statement.rejected.length,
        imported_count: fresh.length,
        duplicate_count: statement.documents.length - fresh.length,
        imported_by: opts.userId ?? null,
        imported_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const statementId = Number(statementRow.id);
    let assigned = 0;
    let inMinor = 0;
    let outMinor = 0;
    for (const op of fresh) {
      const rule = ruleOf.get(op.key);
      const direction = STORED[op.direction];
      const party =
        op.direction === 'incoming' ? op.document.payer : op.direction === 'outgoing' ? op.document.recipient : null;
      const own = op.direction === 'incoming' ? op.document.recipient : op.document.payer;
      if (rule) assigned++;
      if (direction === 'in') inMinor += op.amountMinor;
      if (direction === 'out') outMinor += op.amountMinor;
      await trx
        .insertInto('bank_operations')
        .values({
          statement_id: statementId,
          bank_account_id: accountIds.get(digits(own.account)) ?? null,
          dedup_key: op.key,
          doc_kind: op.document.kind,
          doc_number: op.document.number,
          doc_date: op.document.date,
          date: op.date,
          amount_minor: op.amountMinor,
          direction,
          counterparty_name: party?.name ?? null,
          counterparty_tax_number: party?.taxNumber ?? null,
          counterparty_account: party?.account ?? null,
          purpose: op.purpose,
          partner_id: op.partnerId ? Number(op.partnerId) : null,
          budget_item_id: rule ? rule.budgetItemId : null,
          rule_id: rule ? rule.id : null,
          status: rule ? 'matched' : 'queued',
          created_at: now,
          assigned_at: rule ? now : null,
          assigned_by: null,
        })
        .execute();
    }
    return {
      ...base,
      statementId,
      sameFile: false,
      imported: fresh.length,
      duplicates: statement.documents.length - fresh.length,
      assigned,
      queued: fresh.length - assigned,
      partnersMatched: fresh.filter((o) => o.partnerId).length,
      inMinor,
      outMinor,
      balanceMismatches: plan.balanceMismatches,
    };
  });
}

export async function listBankOperations(
  db: Db,
  opts: {
    id?: number;
    status?: OperationStatus;
    statementId?: number;
    from?: string;
    to?: string;
    limit?: number;
    offset?: number;
  } = {},
): Promise<{ operations: BankOperationView[]; total: number }> {
  let q = db.kysely
    .selectFrom('bank_operations as o')
    .leftJoin('partners as p', 'p.id', 'o.partner_id')
    .leftJoin('budget_items as b', 'b.id', 'o.budget_item_id');
  if (opts.id) q = q.where('o.id', '=', opts.id);
  if (opts.status) q = q.where('o.status', '=', opts.status);
  if (opts.statementId) q = q.where('o.statement_id', '=', opts.statementId);
  if (opts.from) q = q.where('o.date', '>=', opts.from);
  if (opts.to) q = q.where('o.date', '<=', opts.to);
  const total = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll('o')
    .select(['p.name as partner_name', 'b.name as budget_item_name'])
    .orderBy('o.date')
    .orderBy('o.id')
    .limit(opts.limit ?? 200)
    .offset(opts.offset ?? 0)
    .execute();
  return {
    total: Number(total.n),
    operations: rows.map((r) => ({
      id: Number(r.id),
      statementId: Number(r.statement_id),
      docKind: r.doc_kind,
      docNumber: r.doc_number,
      docDate: r.doc_date,
      date: r.date,
      amountMinor: Number(r.amount_minor),
      direction: r.direction as StoredDirection,
      counterpartyName: r.counterparty_name,
      counterpartyTaxNumber: r.counterparty_tax_number,
      counterpartyAccount: r.counterparty_account,
      purpose: r.purpose,
      partnerId: r.partner_id === null ? null : Number(r.partner_id),
      partnerName: r.partner_name ?? null,
      budgetItemId: r.budget_item_id === null ? null : Number(r.budget_item_id),
      budgetItemName: r.budget_item_name ?? null,
      ruleId: r.rule_id === null ? null : Number(r.rule_id),
      status: r.status as OperationStatus,
    })),
  };
}

async function operationView(db: Db, id: number): Promise<BankOperationView> {
  const [op] = (await listBankOperations(db, { id })).operations;
  if (!op) throw new DomainError('bank.operation_not_found', { id }, 404);
  return op;
}

export interface AssignInput {
  budgetItemId: number;
  partnerId?: number | null;
  /** Remember the choice as a rule (by partner, else by the counterparty's ИНН) and apply it to the rest of the queue. */
  makeRule?: boolean;
}

/**
 * The accountant's choice for a queued (or wrongly matched) operation. With makeRule the new rule also takes
 * every other queued operation it fits.
 */
export async function assignBankOperation(
  db: Db,
  id: number,
  input: AssignInput,
  opts: { userId?: number | null } = {},
): Promise<{ operation: BankOperationView; rule: BudgetRuleView | null; alsoAssigned: number }> {
  const op = await db.kysely.selectFrom('bank_operations').selectAll().where('id', '=', id).executeTakeFirst();
  if (!op) throw new DomainError('bank.operation_not_found', { id }, 404);
  await getBudgetItem(db, input.budgetItemId);
  if (input.partnerId !== undefined && input.partnerId !== null) {
    const p = await db.kysely.selectFrom('partners').select('id').where('id', '=', input.partnerId).executeTakeFirst();
    if (!p) throw new DomainError('bank.partner_not_found', { id: input.partnerId }, 404);
  }
  const partnerId =
    input.partnerId === undefined ? (op.partner_id === null ? null : Number(op.partner_id)) : input.partnerId;
  const direction = op.direction === 'in' || op.direction === 'out' ? op.direction : null;
  const taxNumber = digits(op.counterparty_tax_number);
  const ruleBasis =
    partnerId !== null
      ? { partnerId }
      : taxNumber && !/^0+$/.test(taxNumber)
        ? { counterpartyTaxNumber: taxNumber }
        : null;
  if (input.makeRule && !ruleBasis) throw new DomainError('bank.rule_basis_missing', { id }, 400);
  const now = new Date().toISOString();
  await db.kysely
    .updateTable('bank_operations')
    .set({
      budget_item_id: input.budgetItemId,
      partner_id: partnerId,
      status: 'matched',
      rule_id: null,
      assigned_at: now,
      assigned_by: opts.userId ?? null,
    })
    .where('id', '=', id)
    .execute();
  let rule: BudgetRuleView | null = null;
  let alsoAssigned = 0;
  if (input.makeRule && ruleBasis) {
    rule = await createBudgetRule(db, { budgetItemId: input.budgetItemId, direction, ...ruleBasis });
    alsoAssigned = await applyRulesToQueue(db);
  }
  return { operation: await operationView(db, id), rule, alsoAssigned };
}

/** Runs the stored rules over the queue again (after rules change); returns how many left the queue. */
export async function applyRulesToQueue(db: Db): Promise<number> {
  const rules = await listBudgetRules(db);
  if (!rules.length) return 0;
  const queued = await db.kysely.selectFrom('bank_operations').selectAll().where('status', '=', 'queued').execute();
  const ops: BankOperation[] = queued.map((o) => ({
    key: String(o.id),
    date: o.date,
    direction: PARSED[o.direction as StoredDirection] ?? 'unknown',
    amountMinor: Number(o.amount_minor),
    partnerId: o.partner_id === null ? undefined : String(o.partner_id),
    purpose: o.purpose,
    counterpartyName: o.counterparty_name ?? undefined,
    counterpartyTaxNumber: o.counterparty_tax_number ?? undefined,
  }));
  const { assigned } = assignBudgetItems(ops, rules.map(matcherRule));
  const now = new Date().toISOString();
  for (const a of assigned) {
    const rule = rules[a.ruleIndex]!;
    await db.kysely
      .updateTable('bank_operations')
      .set({ budget_item_id: rule.budgetItemId, rule_id: rule.id, status: 'matched', assigned_at: now })
      .where('id', '=', Number(a.operation.key))
      .where('status', '=', 'queued')
      .execute();
  }
  return assigned.length;
}

export interface CashOperationInput {
  date: string;
  direction: 'in' | 'out';
  amountMinor: number;
  budgetItemId?: number | null;
  partnerId?: number | null;
  purpose: string;
}

export interface CashOperationView extends Required<CashOperationInput> {
  id: number;
}

/** Cash-desk money outside till receipts (rent paid in cash, cash taken to the bank...). */
export async function createCashOperation(
  db: Db,
  input: CashOperationInput,
  opts: { userId?: number | null } = {},
): Promise<CashOperationView> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.date))
    throw new DomainError('bank.date_invalid', { value: input.date, line: 0 }, 400);
  if (!Number.isSafeInteger(input.amountMinor) || input.amountMinor <= 0)
    throw new DomainError('bank.amount_invalid', { value: String(input.amountMinor), line: 0 }, 400);
  if (input.budgetItemId !== undefined && input.budgetItemId !== null) await getBudgetItem(db, input.budgetItemId);
  const r = await db.kysely
    .insertInto('cash_operations')
    .values({
      date: input.date,
      direction: input.direction,
      amount_minor: input.amountMinor,
      budget_item_id: input.budgetItemId ?? null,
      partner_id: input.partnerId ?? null,
      purpose: input.purpose,
      created_by: opts.userId ?? null,
      created_at: new Date().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return {
    id: Number(r.id),
    date: input.date,
    direction: input.direction,
    amountMinor: input.amountMinor,
    budgetItemId: input.budgetItemId ?? null,
    partnerId: input.partnerId ?? null,
    purpose: input.purpose,
  };
}

export async function listCashOperations(
  db: Db,
  opts: { from?: string; to?: string } = {},
): Promise<CashOperationView[]> {
  let q = db.kysely.selectFrom('cash_operations').selectAll();
  if (opts.from) q = q.where('date', '>=', opts.from);
  if (opts.to) q = q.where('date', '<=', opts.to);
  const rows = await q.orderBy('date').orderBy('id').execute();
  return rows.map((r) => ({
    id: Number(r.id),
    date: r.date,
    direction: r.direction as 'in' | 'out',
    amountMinor: Number(r.amount_minor),
    budgetItemId: r.budget_item_id === null ? null : Number(r.budget_item_id),
    partnerId: r.partner_id === null ? null : Number(r.partner_id),
    purpose: r.purpose,
  }));
}

export interface BankStatementView {
  id: number;
  fileName: string | null;
  formatVersion: string;
  periodFrom: string | null;
  periodTo: string | null;
  documents: number;
  imported: number;
  duplicates: number;
  /** Payment documents left out as unreadable (documents − imported − duplicates). */
  rejected: number;
  importedAt: string;
}

export async function listBankStatements(db: Db, opts: { limit?: number } = {}): Promise<BankStatementView[]> {
  const rows = await db.kysely
    .selectFrom('bank_statements')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(opts.limit ?? 100)
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    fileName: r.file_name,
    formatVersion: r.format_version,
    periodFrom: r.period_from,
    periodTo: r.period_to,
    documents: Number(r.documents_total),
    imported: Number(r.imported_count),
    duplicates: Number(r.duplicate_count),
    rejected: Number(r.documents_total) - Number(r.imported_count) - Number(r.duplicate_count),
    importedAt: r.imported_at,
  }));
}
