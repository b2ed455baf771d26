// The till as one object: caches, journal, sync loop, the logged-in cashier and the sale rules.
// Routes translate HTTP to these methods; tests drive them the same way.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { DomainError, type CurrencyCode, type ErrorParams, type VatRounding } from '@kasa/domain';
import { Decimal } from '@kasa/domain';
import { CatalogueCache } from './catalogue';
import { CashierCache, discountLimitPercent, hasRight, type Cashier } from './cashiers';
import { openTillDatabase, type TillDatabase } from './database';
import type { CardResult, DeviceJob, PaymentOperation, TillDevices } from './devices';
import { guardDevices, recordingDevices } from './devices';
import { Journal, type JournalReceipt } from './journal';
import { fiscalReceipt, receiptLayout } from './receipt-layout';
import { priceReceipt, quantityOf, type CardDetails, type PaymentInput, type SaleLineInput, type SaleRules } from './sale';
import { StoreServer } from './store-server';
import { translate, type Language } from '../service/i18n';
import { TillSync, type SyncOptions } from './sync';

export const TILL_LANGUAGES = ['en', 'lv', 'ru', 'cs', 'hu'] as const;

/** Rights a senior cashier can lend to one receipt in the making (or give with the request itself, `approverPin`). */
const APPROVABLE_RIGHTS = ['till.price', 'till.refund', 'till.cancel_paid'];

export interface TillOptions {
  dataDir: string;
  serverUrl: string;
  tillCode: string;
  currency?: string;
  cashRounding?: string;
  pricesIncludeTax?: boolean;
  vatRounding?: VatRounding;
  devices?: TillDevices;
  sync?: SyncOptions;
  /** How long a card payment may take at the terminal before the till answers `payment.pending` (default 200 s). */
  paymentWaitMs?: number;
}

/** An approved card payment as the till UI gets it and hands back with the receipt (`paymentKey`). */
export interface CardPayment extends CardDetails {
  paymentKey: string;
  amountMinor: number;
}

export interface ReceiptLineRequest {
  itemId: string;
  quantity: string;
  discountMinor?: number;
  discountPercent?: string;
  /** The scanned code, when it carried the price (in-store EAN-13 with prefix 20). */
  barcode?: string;
  markingCode?: string;
  /** A price the cashier typed instead of the catalogue's (needs till.price, or a senior's approval of this receipt). */
  priceMinor?: number;
}

export interface ReceiptRequest {
  uuid: string;
  type?: 'sale' | 'return';
  /** For returns: the number printed on the sale receipt, e.g. "T01-000123". */
  originalNumber?: string;
  lines: ReceiptLineRequest[];
  receiptDiscountMinor?: number;
  payments?: PaymentInput[];
  /** PIN of a senior cashier approving what the cashier's own rights do not allow (a return without till.refund). */
  approverPin?: string;
}

export class Till {
  readonly db: TillDatabase;
  readonly catalogue: CatalogueCache;
  readonly cashiers: CashierCache;
  readonly journal: Journal;
  readonly sync: TillSync;
  readonly server: StoreServer;
  devices: TillDevices;
  cashier: Cashier | undefined;
  /** Approvals a senior cashier gave by PIN, per receipt uuid and right; kept in memory until the receipt is made. */
  private readonly approvals = new Map<string, string>();

  constructor(readonly options: TillOptions) {
    this.db = openTillDatabase(join(options.dataDir, 'till.db'));
    this.catalogue = new CatalogueCache(this.db);
    this.cashiers = new CashierCache(this.db);
    this.journal = new Journal(this.db, options.tillCode);
    this.server = new StoreServer(options.serverUrl, undefined, undefined, options.tillCode);
    this.sync = new TillSync(this.server, this.journal, this.catalogue, this.cashiers, options.sync);
    this.devices = guardDevices(options.devices ?? recordingDevices());
  }

  start(): void {
    this.sync.start();
  }

  async close(): Promise<void> {
    await this.sync.stop();
    this.db.close();
  }

  get currency(): CurrencyCode {
    const first = this.db.prepare('SELECT currency FROM items LIMIT 1').get() as { currency: string } | undefined;
    return (this.options.currency ?? process.env.KASA_TILL_CURRENCY ?? first?.currency ?? 'EUR') as CurrencyCode;
  }

  rules(cashier: Cashier): SaleRules {
    return {
      currency: this.currency,
      pricesIncludeTax: this.options.pricesIncludeTax ?? true,
      vatRounding: this.options.vatRounding ?? 'line',
      cashRounding: this.options.cashRounding ?? process.env.KASA_CASH_ROUNDING ?? 'none',
      discountLimitPercent: discountLimitPercent(cashier.rights),
    };
  }

  async login(pin: string): Promise<Cashier> {
    if (!/^\d{4,8}$/.test(String(pin ?? ''))) throw new DomainError('auth.pin_invalid', {}, 401);
    // A till that never reached the server has nobody to check against: try once now.
    if (this.cashiers.count() === 0) await this.sync.pullCashiers();
    const cashier = this.cashiers.findByPin(pin);
    if (!cashier) {
      this.journal.audit(null, 'login.failed', null, undefined);
      throw new DomainError('auth.pin_invalid', {}, 401);
    }
    this.cashier = cashier;
    this.journal.audit(cashier.id, 'login', null, undefined);
    return cashier;
  }

  lock(): void {
    if (this.cashier) this.journal.audit(this.cashier.id, 'lock', null, undefined);
    this.cashier = undefined;
  }

  requireCashier(): Cashier {
    if (!this.cashier) throw new DomainError('auth.locked', {}, 401);
    return this.cashier;
  }

  /**
   * The cashier may do what `right` guards, or a senior cashier standing by approves with their PIN (checked offline
   * like a login). Returns who approved, for the audit trail; throws auth.right_required otherwise.
   */
  authorize(right: string, approverPin?: string, receiptUuid?: string): { cashier: Cashier; approvedBy?: Cashier } {
    const cashier = this.requireCashier();
    if (hasRight(cashier.rights, right)) return { cashier };
    const given = receiptUuid ? this.approvals.get(`${receiptUuid}:${right}`) : undefined;
    if (given && !approverPin) return { cashier, ...(this.cashiers.byId(given) ? { approvedBy: this.cashiers.byId(given)! } : {}) };
    const approver = approverPin && /^\d{4,8}$/.test(approverPin) ? this.cashiers.findByPin(approverPin) : undefined;
    if (!approver || !hasRight(approver.rights, right)) {
      this.journal.audit(cashier.id, 'approve.refused', null, { right });
      throw new DomainError('auth.right_required', { right }, 403);
    }
    this.journal.audit(cashier.id, 'approve', null, { right, approvedBy: approver.id });
    return { cashier, approvedBy: approver };
  }

  setLanguage(language: string): Cashier {
    const c = this.requireCashier();
    if (!(TILL_LANGUAGES as readonly string[]).includes(language)) throw new DomainError('language.unknown', { language }, 400);
    this.cashiers.setLanguage(c.id, language);
    this.cashier = this.cashiers.byId(c.id) ?? { ...c, language };
    return this.cashier;
  }

  /**
   * A senior cashier approves one right for one receipt in the making (a typed price), so the page never keeps their
   * PIN: the receipt with this uuid may then use the right once it is recorded.
   */
  approve(receiptUuid: string, right: string, approverPin: string): { approvedBy: string } {
    if (typeof receiptUuid !== 'string' || !/^[0-9a-f-]{16,64}$/i.test(receiptUuid)) throw new DomainError('receipt.uuid_invalid', {}, 400);
    if (!APPROVABLE_RIGHTS.includes(right)) throw new DomainError('auth.right_unknown', { right }, 400);
    const { approvedBy } = this.authorize(right, String(approverPin ?? ''));
    const by = approvedBy ?? this.requireCashier();
    this.approvals.set(`${receiptUuid}:${right}`, by.id);
    return { approvedBy: by.name };
  }

  /**
   * Device commands of this till that failed (a receipt the register refused, paper out, a Z report that did not
   * print), newest first, in the cashier's words: the sale is in the journal either way, the paper can be retried.
   */
  async deviceProblems(): Promise<{ key: string; type: string; code: string; message: string }[]> {
    const r = await this.devices.jobs();
    const jobs = r.ok ? ((r.body as { jobs?: DeviceJob[] } | undefined)?.jobs ?? []) : [];
    const language = (this.cashier?.language ?? 'en') as Language;
    return jobs
      .filter((j) => j.state === 'failed' && /^(receipt|open-shift|z-report|x-report|cash|float):/.test(j.key))
      .map((j) => ({ key: j.key, type: j.type, code: j.error?.code ?? 'device.io', message: translate(TILL_LANGUAGES.includes(language) ? language : 'en', j.error?.code ?? 'device.io', j.error?.params ?? {}) }));
  }

  /** Runs a failed device command again under its key (a fiscal one checks first whether the register made it). */
  async retryDevice(key: string): Promise<{ ok: boolean; status: number }> {
    this.requireCashier();
    if (typeof key !== 'string' || !/^(receipt|open-shift|z-report|x-report|cash|float):[\w:.-]{1,200}$/.test(key)) throw new DomainError('device.key_invalid', {}, 400);
    const r = await this.devices.retry(key);
    this.journal.audit(this.cashier?.id ?? null, 'device.retry', null, { key, status: r.status });
    return { ok: r.ok, status: r.status };
  }

  status() {
    const c = this.cashier;
    return {
      tillCode: this.options.tillCode,
      online: this.sync.online,
      lastError: this.sync.lastError,
      pending: this.journal.pendingCount(),
      catalogueItems: this.catalogue.count(),
      catalogueVersion: this.catalogue.version,
      currency: this.currency,
      cashier: c ? { ...c, discountLimitPercent: discountLimitPercent(c.rights), mayRefund: hasRight(c.rights, 'till.refund'), mayChangePrice: hasRight(c.rights, 'till.price'), mayCancelPaid: hasRight(c.rights, 'till.cancel_paid') } : null,
      shift: this.journal.openShift() ?? null,
      cashRounding: this.options.cashRounding ?? process.env.KASA_CASH_ROUNDING ?? 'none',
    };
  }

  /** Records a sale or a return in the journal, then asks the devices to print it. */
  async receipt(req: ReceiptRequest, cancelsPaid = false): Promise<{ receipt: JournalReceipt; print: { ok: boolean; status: number } }> {
    const cashier = this.requireCashier();
    if (!req || typeof req.uuid !== 'string' || !/^[0-9a-f-]{16,64}$/i.test(req.uuid)) throw new DomainError('receipt.uuid_invalid', {}, 400);
    if (!Array.isArray(req.lines)) throw new DomainError('receipt.empty', {}, 400);
    const done = this.journal.receipt(req.uuid);
    if (done) return { receipt: done, print: { ok: true, status: 208 } };
    const type = req.type === 'return' ? 'return' : 'sale';
    // Taking goods back pays money out: only with till.refund, or approved by a senior cashier's PIN.
    if (type === 'return' && !cancelsPaid) this.authorize('till.refund', req.approverPin, req.uuid);
    const rules = this.rules(cashier);
    let lines: SaleLineInput[];
    let originalUuid: string | undefined;
    let check: (() => void) | undefined;
    // Card details come only from the terminal's job, never from the page.
    let payments: PaymentInput[] = await Promise.all(
      (req.payments ?? []).map((p) => (p.method === 'card' && p.paymentKey ? this.verifiedCard(p, type === 'sale' ? ['purchase'] : ['refund', 'cancel']) : { method: p.method, amountMinor: p.amountMinor })),
    );
    const manualPrices: { itemId: string; fromMinor: number; toMinor: number; approvedBy?: string }[] = [];
    // A return without a receipt (the customer lost it) takes the goods back at today's catalogue price.
    const withoutReceipt = type === 'return' && !req.originalNumber;
    if (type === 'sale' || withoutReceipt) {
      lines = req.lines.map((l) => {
        const item = this.catalogue.byId(String(l.itemId));
        if (!item) throw new DomainError('item.not_found', { item: String(l.itemId) }, 404);
        if (item.marked && !l.markingCode && type === 'sale') throw new DomainError('marking.required', { item: item.name }, 400);
        const embedded = l.barcode ? this.catalogue.lookupBarcode(l.barcode) : undefined;
        const listed = embedded?.embeddedPriceMinor !== undefined && embedded.item.id === item.id ? embedded.embeddedPriceMinor : item.priceMinor;
        let unitPriceMinor = listed;
        if (l.priceMinor !== undefined && l.priceMinor !== listed) {
          if (!Number.isSafeInteger(l.priceMinor) || l.priceMinor < 0) throw new DomainError('price.invalid', { item: item.name }, 400);
          const { approvedBy } = this.authorize('till.price', req.approverPin, req.uuid);
          manualPrices.push({ itemId: item.id, fromMinor: listed, toMinor: l.priceMinor, ...(approvedBy ? { approvedBy: approvedBy.id } : {}) });
          unitPriceMinor = l.priceMinor;
        }
        if (!item.weighted) {
          const q = quantityOf(l.quantity);
          if (!q.isInteger() && embedded?.embeddedPriceMinor === undefined) throw new DomainError('quantity.whole_units', { item: item.name }, 400);
        }
        return {
          itemId: item.id,
          itemName: item.name,
          quantity: l.quantity,
          unitPriceMinor,
          vatRate: item.vatRate,
          ...(l.discountMinor && type === 'sale' ? { discountMinor: l.discountMinor } : {}),
          ...(l.discountPercent && type === 'sale' ? { discountPercent: l.discountPercent } : {}),
          ...(l.markingCode ? { markingCode: l.markingCode } : {}),
        };
      });
      if (withoutReceipt) payments = payments.filter((p) => p.method === 'card');
    } else {
      const original = req.originalNumber ? this.journal.receiptByNumber(req.originalNumber) : undefined;
      if (!original || original.type !== 'sale') throw new DomainError('return.original_not_found', { number: req.originalNumber ?? '' }, 404);
      originalUuid = original.uuid;
      const wanted = new Map<string, Decimal>();
      lines = req.lines.map((l) => {
        const ol = original.lines.find((x) => x.itemId === String(l.itemId));
        if (!ol) throw new DomainError('return.item_not_on_receipt', { item: String(l.itemId) }, 400);
        const q = quantityOf(l.quantity);
        wanted.set(ol.itemId, (wanted.get(ol.itemId) ?? new Decimal(0)).plus(q));
        // The customer gets back what they paid: the original price and its share of the original discount.
        const discountMinor = new Decimal(ol.discountMinor).mul(q).div(ol.quantity).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
        return { itemId: ol.itemId, itemName: ol.itemName, quantity: q.toFixed(3), unitPriceMinor: ol.unitPriceMinor, vatRate: ol.vatRate, discountMinor };
      });
      check = () => {
        const returned = this.journal.returnedQuantities(original.uuid);
        for (const [itemId, q] of wanted) {
          const sold = original.lines.filter((x) => x.itemId === itemId).reduce((a, x) => a.plus(x.quantity), new Decimal(0));
          const left = sold.minus(returned.get(itemId) ?? 0);
          if (q.gt(left)) throw new DomainError('return.quantity_exceeds_sold', { item: itemId, left: left.toFixed(3) }, 409);
        }
      };
      // Refunds: card amounts as asked, the rest paid out in cash (rounded like a cash sale).
      payments = payments.filter((p) => p.method === 'card');
      rules.discountLimitPercent = 100;
    }
    const priced = priceReceipt(lines, type === 'sale' ? (req.receiptDiscountMinor ?? 0) : 0, payments, rules);
    for (const m of manualPrices) this.journal.audit(cashier.id, 'price.manual', null, { receipt: req.uuid, ...m });
    const receipt = this.journal.recordReceipt({ uuid: req.uuid, type, ...(originalUuid ? { originalUuid } : {}), cashierId: cashier.id, currency: rules.currency, priced, ...(check ? { check } : {}) });
    for (const right of APPROVABLE_RIGHTS) this.approvals.delete(`${req.uuid}:${right}`);
    this.sync.kick();
    const print = await this.print(receipt, cashier);
    return { receipt, print };
  }

  /**
   * A fiscal register takes the receipt if the till has one; otherwise the receipt printer prints it.
   * A 4xx from the fiscal route means "no fiscal register here"; a device fault is reported, not retried here
   * (the bridge's job runner owns retries and crash reconciliation under the same key).
   */
  private async print(receipt: JournalReceipt, cashier: Cashier): Promise<{ ok: boolean; status: number }> {
    const key = `receipt:${receipt.uuid}`;
    let res = await this.devices.fiscalReceipt(key, fiscalReceipt(receipt, cashier.name));
    if (res.status >= 400 && res.status < 500) {
      res = await this.devices.printReceipt(key, receiptLayout(receipt, { tillCode: this.options.tillCode, cashierName: cashier.name, language: cashier.language }));
    } else if (res.ok && receipt.payments.some((p) => p.method === 'cash')) {
      await this.devices.openDrawer(`drawer:${receipt.uuid}`);
    }
    return { ok: res.ok, status: res.status };
  }

  newUuid(): string {
    return randomUUID();
  }

  /**
   * Runs a card payment on the terminal through the bridge under `key` and waits for the customer. The same key again
   * (a reload, a lost answer) returns the same outcome without charging twice; after a decline the till uses a new key.
   */
  async cardPayment(operation: PaymentOperation, key: string, amountMinor: number, reference?: string, approverPin?: string, receiptUuid?: string): Promise<CardPayment> {
    if (operation === 'refund') this.authorize('till.refund', approverPin, receiptUuid);
    else this.requireCashier();
    if (typeof key !== 'string' || !/^[\w:.-]{1,200}$/.test(key)) throw new DomainError('payment.key_invalid', {}, 400);
    if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0) throw new DomainError('payment.amount_invalid', {}, 400);
    const started = await this.devices.payment(operation, key, { amountMinor, currency: this.currency, ...(reference ? { reference: reference.slice(0, 40) } : {}) });
    const job = await this.settledJob(key, started);
    const card = this.approvedCard(job, [operation], amountMinor);
    this.journal.audit(this.cashier?.id ?? null, `payment.${operation}`, null, { key, amountMinor, approvalCode: card.approvalCode });
    return card;
  }

  /** Voids an approved card purchase the customer did not take (the receipt was cancelled before it was recorded). */
  async cancelCardPayment(key: string): Promise<{ cancelled: boolean }> {
    const cashier = this.requireCashier();
    const found = await this.devices.job(key);
    const job = (found.body as { job?: DeviceJob } | undefined)?.job;
    if (!found.ok || !job || job.type !== 'payment.purchase' || job.state !== 'done') return { cancelled: false };
    const paid = job.result as CardResult;
    const started = await this.devices.payment('cancel', `cancel:${key}`, { amountMinor: paid.amountMinor, currency: paid.currency });
    const cancel = await this.settledJob(`cancel:${key}`, started);
    if (cancel.state !== 'done') throw new DomainError(cancel.error?.code ?? 'payment.cancel_failed', Till.params(cancel.error?.params), 502);
    this.journal.audit(cashier.id, 'payment.cancel', null, { key, amountMinor: paid.amountMinor });
    return { cancelled: true };
  }

  private static params(p: Record<string, unknown> | undefined): ErrorParams {
    const out: ErrorParams = {};
    for (const [k, v] of Object.entries(p ?? {})) if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) out[k] = v as string | number | boolean | null;
    return out;
  }

  private async settledJob(key: string, started: { ok: boolean; status: number; body?: unknown }): Promise<DeviceJob> {
    const bodyOf = (r: { body?: unknown }) => r.body as { job?: DeviceJob; error?: { code?: string; params?: Record<string, unknown> } } | undefined;
    let job = bodyOf(started)?.job;
    if (!job) {
      // No job at all: no terminal configured (404), or the request itself was refused.
      if (started.status === 404) throw new DomainError('payment.no_terminal', {}, 404);
      const err = bodyOf(started)?.error;
      throw new DomainError(err?.code ?? 'payment.no_answer', Till.params(err?.params), started.status >= 400 && started.status < 500 ? started.status : 502);
    }
    const end = Date.now() + (this.options.paymentWaitMs ?? 200_000);
    while (job.state === 'queued' || job.state === 'running') {
      if (Date.now() > end) throw new DomainError('payment.pending', { key }, 504);
      await new Promise((r) => setTimeout(r, 200));
      job = bodyOf(await this.devices.job(key))?.job ?? job;
    }
    return job;
  }

  private approvedCard(job: DeviceJob, operations: PaymentOperation[], amountMinor: number): CardPayment {
    if (job.state === 'failed') throw new DomainError(job.error?.code ?? 'payment.declined', Till.params(job.error?.params), 402);
    const r = job.result as CardResult | undefined;
    if (!operations.some((op) => job.type === `payment.${op}`) || r?.outcome !== 'approved') throw new DomainError('payment.not_approved', { key: job.key }, 409);
    if (r.amountMinor !== amountMinor) throw new DomainError('payment.amount_mismatch', { amountMinor, approvedMinor: r.amountMinor }, 409);
    return {
      paymentKey: job.key,
      amountMinor: r.amountMinor,
      ...(r.approvalCode ? { approvalCode: r.approvalCode } : {}),
      ...(r.maskedPan ? { maskedPan: r.maskedPan } : {}),
      ...(r.rrn ? { rrn: r.rrn } : {}),
    };
  }

  /** A card payment handed in with a receipt: its job must be an approval of exactly this amount. */
  private async verifiedCard(p: PaymentInput, operations: PaymentOperation[]): Promise<PaymentInput> {
    const found = await this.devices.job(String(p.paymentKey));
    const job = (found.body as { job?: DeviceJob } | undefined)?.job;
    if (!found.ok || !job) throw new DomainError('payment.not_approved', { key: String(p.paymentKey) }, 409);
    return { method: 'card', ...this.approvedCard(job, operations, p.amountMinor) };
  }

  /**
   * Cancels a paid sale as a whole (the customer changed their mind at the till): till.cancel_paid or a senior's PIN.
   * Card payments made on the terminal are voided there (under `void:<their key>`), the rest is paid out in cash, and
   * the goods come back as a return of every line. Same `uuid` again gives the same return.
   */
  async cancelPaid(number: string, uuid: string, approverPin?: string): Promise<{ receipt: JournalReceipt; print: { ok: boolean; status: number } }> {
    this.authorize('till.cancel_paid', approverPin, uuid);
    const done = this.journal.receipt(uuid);
    if (done) return { receipt: done, print: { ok: true, status: 208 } };
    const original = this.journal.receiptByNumber(String(number ?? ''));
    if (!original || original.type !== 'sale') throw new DomainError('return.original_not_found', { number: String(number ?? '') }, 404);
    if (this.journal.returnedQuantities(original.uuid).size > 0) throw new DomainError('return.already_returned', { number: original.number }, 409);
    const payments: PaymentInput[] = [];
    for (const p of original.payments) {
      if (p.method !== 'card') continue;
      // Paid on a stand-alone terminal: the cashier voids it there; the journal records the card refund.
      if (!p.paymentKey) payments.push({ method: 'card', amountMinor: p.amountMinor });
      else payments.push({ method: 'card', ...(await this.cardPayment('cancel', `void:${p.paymentKey}`, p.amountMinor, original.number)) });
    }
    this.journal.audit(this.cashier?.id ?? null, 'receipt.cancel_paid', null, { number: original.number, uuid });
    return this.receipt(
      { uuid, type: 'return', originalNumber: original.number, lines: original.lines.map((l) => ({ itemId: l.itemId, quantity: l.quantity })), payments },
      true,
    );
  }
}
