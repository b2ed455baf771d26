// The till's REST API under /api/till, served by the bridge on 127.0.0.1:7070 for the till UI.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { isDomainError } from '@kasa/domain';
import { checkMarkingCode, type MarkingCheckRequest } from './marking';
import { moneyText } from './receipt-layout';
import type { Till, ReceiptRequest } from './till';

type Body = Record<string, unknown>;

const minor = (v: unknown): number => (typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : NaN);

export async function tillRoutes(app: FastifyInstance, till: Till): Promise<void> {
  app.setErrorHandler((err: unknown, _req, reply: FastifyReply) => {
    if (isDomainError(err)) return reply.status(err.status).send({ error: { code: err.code, message: err.message, params: err.params } });
    const e = err as { statusCode?: number; code?: string; message?: string };
    const status = e.statusCode && e.statusCode < 500 ? e.statusCode : 500;
    if (status === 500) app.log.error({ err }, 'till route failed');
    return reply.status(status).send({ error: { code: status === 500 ? 'till.internal' : (e.code ?? 'request.invalid'), message: e.message ?? 'error' } });
  });

  app.get('/status', async () => ({ ...till.status(), deviceProblems: await till.deviceProblems() }));
  app.post('/devices/retry', async (req) => till.retryDevice(String((req.body as Body | undefined)?.key ?? '')));

  app.post('/login', async (req) => {
    const cashier = await till.login(String((req.body as Body | undefined)?.pin ?? ''));
    return { cashier, status: till.status() };
  });
  app.post('/lock', async () => {
    till.lock();
    return { ok: true };
  });
  app.post('/language', async (req) => ({ cashier: till.setLanguage(String((req.body as Body | undefined)?.language ?? '')) }));

  app.get('/items', async (req) => {
    const q = String((req.query as Body).q ?? '');
    const limit = Math.min(Number((req.query as Body).limit ?? 20) || 20, 100);
    return { items: till.catalogue.search(q, limit) };
  });
  app.get('/barcode-index', async (req) => {
    const q = req.query as Body;
    const after = Math.max(0, Number(q.after ?? 0) || 0);
    const limit = Math.min(Math.max(Number(q.limit ?? 5000) || 5000, 1), 20_000);
    return till.catalogue.barcodeIndexPage(after, limit);
  });
  app.get('/barcode/:code', async (req, reply) => {
    const match = till.catalogue.lookupBarcode(String((req.params as Body).code));
    if (!match) return reply.status(404).send({ error: { code: 'item.not_found', message: 'item not found', params: { code: (req.params as Body).code } } });
    return match;
  });

  app.post('/marking/check', async (req) => {
    till.requireCashier();
    return checkMarkingCode(till.server, (req.body as MarkingCheckRequest | undefined) ?? { code: '' });
  });

  app.post('/shift/open', async (req) => {
    const c = till.requireCashier();
    const b = (req.body as Body | undefined) ?? {};
    const shift = till.journal.startShift(c.id, minor(b.floatMinor ?? b.float ?? 0));
    const fiscal = await till.devices.fiscal('open-shift', `open-shift:${till.options.tillCode}:${shift.number}`, { cashier: c.name });
    // The float goes into the register's drawer count too (a cash-in), or its first cash-out would be refused.
    if (shift.floatMinor > 0 && fiscal.ok) {
      await till.devices.fiscal('cash-in', `float:${till.options.tillCode}:${shift.number}`, { amount: moneyText(shift.floatMinor), cashier: c.name });
    }
    return { shift, fiscal: { ok: fiscal.ok, status: fiscal.status } };
  });
  app.post('/shift/close', async (req) => {
    const c = till.requireCashier();
    const report = till.journal.closeShift(c.id, minor((req.body as Body | undefined)?.countedMinor));
    const fiscal = await till.devices.fiscal('z-report', `z-report:${till.options.tillCode}:${report.shift.number}`, { cashier: c.name });
    return { report, fiscal: { ok: fiscal.ok, status: fiscal.status } };
  });
  app.get('/report/x', async () => {
    till.requireCashier();
    return { report: till.journal.report(till.journal.requireShift().number) };
  });
  app.post('/report/x/print', async () => {
    const c = till.requireCashier();
    const r = await till.devices.fiscal('x-report', `x-report:${till.options.tillCode}:${Date.now()}`, { cashier: c.name });
    return { ok: r.ok, status: r.status };
  });

  app.post('/cash', async (req) => {
    const c = till.requireCashier();
    const b = (req.body as Body | undefined) ?? {};
    const kind = b.kind === 'out' ? 'out' : b.kind === 'in' ? 'in' : (String(b.kind) as 'in');
    const move = till.journal.cashMove(c.id, kind, minor(b.amountMinor), String(b.reason ?? ''));
    const key = `cash:${till.options.tillCode}:${move.shiftNumber}:${move.id}`;
    await till.devices.fiscal(kind === 'in' ? 'cash-in' : 'cash-out', key, { amount: moneyText(minor(b.amountMinor)), cashier: c.name });
    await till.devices.openDrawer(`drawer:${key}`);
    return { move };
  });

  // Card payments on the terminal, before the receipt is recorded: `{ kind: "purchase"|"refund", key, amountMinor }`
  // → `{ payment: { paymentKey, amountMinor, approvalCode, maskedPan, rrn } }`; the receipt then names `paymentKey`.
  app.post('/payment', async (req) => {
    const b = (req.body as Body | undefined) ?? {};
    const kind = b.kind === 'refund' ? 'refund' : 'purchase';
    const reference = typeof b.reference === 'string' ? b.reference : undefined;
    const approverPin = typeof b.approverPin === 'string' ? b.approverPin : undefined;
    return { payment: await till.cardPayment(kind, String(b.key ?? ''), minor(b.amountMinor), reference, approverPin, typeof b.uuid === 'string' ? b.uuid : undefined) };
  });
  app.post('/payment/cancel', async (req) => till.cancelCardPayment(String((req.body as Body | undefined)?.key ?? '')));

  // A senior cashier approves a right for the receipt being rung up: `{ uuid, right: "till.price", pin }`.
  app.post('/approve', async (req) => {
    const b = (req.body as Body | undefined) ?? {};
    return till.approve(String(b.uuid ?? ''), String(b.right ?? ''), String(b.pin ?? ''));
  });
  app.post('/receipts', async (req) => till.receipt(req.body as ReceiptRequest));
  app.get('/receipts', async () => ({ receipts: till.journal.recentReceipts(20) }));
  app.get('/receipts/by-number/:number', async (req, reply) => {
    const r = till.journal.receiptByNumber(String((req.params as Body).number));
    if (!r) return reply.status(404).send({ error: { code: 'return.original_not_found', message: 'receipt not found', params: {} } });
    const returned = till.journal.returnedQuantities(r.uuid);
    return { receipt: r, returned: Object.fromEntries([...returned].map(([k, v]) => [k, v.toFixed(3)])) };
  });

  // A paid sale cancelled as a whole: `{ uuid, approverPin? }` → the return receipt (card payments voided on the terminal).
  app.post('/receipts/by-number/:number/cancel', async (req) => {
    const b = (req.body as Body | undefined) ?? {};
    return till.cancelPaid(String((req.params as Body).number), String(b.uuid ?? ''), typeof b.approverPin === 'string' ? b.approverPin : undefined);
  });

  // Receipts the store server refused (400/422): listed for a manager, resent once the server side is fixed.
  app.get('/receipts/rejected', async () => ({ receipts: till.journal.rejected() }));
  app.post('/receipts/:uuid/resend', async (req) => {
    till.requireCashier();
    const ok = till.journal.requeue(String((req.params as Body).uuid));
    till.sync.kick();
    return { ok };
  });

  app.get('/postponed', async () => ({ postponed: till.journal.postponed() }));
  app.post('/postponed', async (req) => {
    const c = till.requireCashier();
    const b = (req.body as Body | undefined) ?? {};
    const uuid = typeof b.uuid === 'string' ? b.uuid : till.newUuid();
    till.journal.postpone(uuid, c.id, String(b.label ?? ''), b.cart ?? {});
    return { uuid };
  });
  app.post('/postponed/:uuid/recall', async (req) => {
    till.requireCashier();
    return { cart: till.journal.recall(String((req.params as Body).uuid)) };
  });

  // Cancelled lines and receipts, with the cashier's reason: they never reach the journal as sales.
  app.post('/audit', async (req) => {
    const c = till.requireCashier();
    const b = (req.body as Body | undefined) ?? {};
    till.journal.audit(c.id, String(b.action ?? 'note'), b.reason === undefined ? null : String(b.reason), b.detail);
    return { ok: true };
  });

  app.post('/display', async (req) => {
    const b = (req.body as Body | undefined) ?? {};
    return till.devices.display([String(b.top ?? ''), String(b.bottom ?? '')]);
  });
  // The weight on the scale, or `weight: null` when there is no scale or it is not steady (the cashier types it).
  app.get('/scale/weight', async () => {
    const r = await till.devices.readWeight();
    const b = r.body as { weight?: unknown; stable?: unknown } | undefined;
    const ok = r.ok && typeof b?.weight === 'string' && b.stable !== false && /^\d{1,3}(\.\d{1,3})?$/.test(b.weight) && Number(b.weight) > 0;
    if (!ok) return { weight: null };
    const [whole, frac = ''] = (b!.weight as string).split('.');
    return { weight: `${Number(whole)}.${frac.padEnd(3, '0')}` };
  });
  // The scale as it is now, steady or not, for the till's weighing panel: `{ weight: "1.234" | null, stable, error? }`
  // (gross kg with 3 decimals, negative when the pan was zeroed under a container).
  app.get('/scale/reading', async () => {
    const r = await till.devices.readWeight();
    const b = r.body as { weight?: unknown; stable?: unknown; error?: { code?: unknown } } | undefined;
    const m = r.ok && typeof b?.weight === 'string' ? /^(-?)(\d{1,3})(?:\.(\d{1,3}))?$/.exec(b.weight) : null;
    if (!m) return { weight: null, stable: false, error: typeof b?.error?.code === 'string' ? b.error.code : 'scale.none' };
    return { weight: `${m[1]}${Number(m[2])}.${(m[3] ?? '').padEnd(3, '0')}`, stable: b!.stable !== false };
  });
  app.post('/drawer', async () => {
    till.requireCashier();
    return till.devices.openDrawer();
  });
}
