// A till's day against a stand-in store server: catalogue pulled in pages, PIN login, a sale written to the
// journal, receipts sent exactly once in order through outages, lost answers and a restart, offline login.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { hashPin } from './cashiers';
import { recordingDevices } from './devices';
import { startStandIn, type StandIn } from './store-server-stand-in';
import { Till } from './till';

const ITEMS = [
  { id: 1, code: '1001', name: 'Rye bread', unit: 'pcs', weighted: false, marked: false, vatRate: '21', priceMinor: 129, currency: 'EUR', barcodes: ['4750000000014'] },
  { id: 2, code: '42', name: 'Gouda cheese', unit: 'kg', weighted: true, marked: false, vatRate: '12', priceMinor: 349, currency: 'EUR', barcodes: [] },
  { id: 3, code: '1003', name: 'Молоко пастеризованное', unit: 'pcs', weighted: false, marked: false, vatRate: '21', priceMinor: 99, currency: 'EUR', barcodes: ['4750000000021'] },
  { id: 4, code: '1004', name: 'Still water 1.5 l', unit: 'pcs', weighted: false, marked: false, vatRate: '21', priceMinor: 1000, currency: 'EUR', barcodes: [] },
];
const CASHIERS = [
  { id: 7, name: 'Anna', pinHash: hashPin('1111'), rights: ['till.sell'], language: 'lv' },
  { id: 8, name: 'Boris', pinHash: hashPin('2222'), rights: ['till.sell', 'till.senior'], language: 'ru' },
];

async function until(what: string, cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function openTill(dir: string, url: string, tillCode = 'T01', devices = recordingDevices()): Till {
  const till = new Till({
    dataDir: dir,
    serverUrl: url,
    tillCode,
    devices,
    sync: { minBackoffMs: 20, maxBackoffMs: 80, cataloguePeriodMs: 60_000 },
  });
  till.start();
  return till;
}

async function withTill(fn: (server: StandIn, dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kasa-till-'));
  const server = await startStandIn(structuredClone(ITEMS), CASHIERS);
  try {
    await fn(server, dir);
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const sale = (lines: { itemId: string; quantity: string; discountPercent?: string; barcode?: string }[], cashMinor: number) => ({
  uuid: randomUUID(),
  lines,
  payments: [{ method: 'cash' as const, amountMinor: cashMinor }],
});

test('the catalogue arrives in pages and answers scans and searches offline', { timeout: 20_000 }, async () => {
  await withTill(async (server, dir) => {
    const till = openTill(dir, server.url);
    try {
      await till.sync.pullNow();
      assert.equal(till.catalogue.count(), 4);
      assert.equal(till.catalogue.cursor, '4');
      assert.equal(till.catalogue.lookupBarcode('4750000000014')?.item.name, 'Rye bread');
      // In-store EAN-13: prefix 21, item 00042, 00756 g, check digit 7 (worked by hand: sum 63 → 7).
      const weighed = till.catalogue.lookupBarcode('2100042007567');
      assert.equal(weighed?.item.name, 'Gouda cheese');
      assert.equal(weighed?.quantity, '0.756');
      assert.equal(till.catalogue.lookupBarcode('1004')?.item.name, 'Still water 1.5 l');
      assert.equal(till.catalogue.lookupBarcode('4750000009999'), undefined);
      assert.deepEqual(till.catalogue.search('gou').map((i) => i.code), ['42']);
      assert.deepEqual(till.catalogue.search('cheese').map((i) => i.code), ['42']);
      assert.deepEqual(till.catalogue.search('пастер').map((i) => i.code), ['1003']);
      assert.deepEqual(till.catalogue.search('МОЛ').map((i) => i.code), ['1003']);
      // A price change reaches the till with the next pull.
      server.items.push({ ...ITEMS[0]!, priceMinor: 139 });
      await till.sync.pullNow();
      assert.equal(till.catalogue.byId('1')?.priceMinor, 139);
      assert.equal(till.catalogue.count(), 4);
    } finally {
      await till.close();
    }
  });
});

test('a cash sale is journalled with the same cents as on paper and numbered per till', { timeout: 20_000 }, async () => {
  await withTill(async (server, dir) => {
    const till = openTill(dir, server.url);
    try {
      await till.sync.pullNow();
      await assert.rejects(till.login('9999'), /auth.pin_invalid/);
      const anna = await till.login('1111');
      assert.equal(anna.name, 'Anna');
      await assert.rejects(till.receipt(sale([{ itemId: '1', quantity: '1' }], 200)), /shift.not_open/);
      till.journal.startShift(anna.id, 5000);
      // 2 × 1.29 @21 % = 2.58 (VAT 0.45); 0.756 kg × 3.49 @12 % = 2.64 (VAT 0.28); total 5.22, paid 10.00 → change 4.78.
      const { receipt, print } = await till.receipt(sale([{ itemId: '1', quantity: '2' }, { itemId: '2', quantity: '0.756' }], 1000));
      assert.equal(receipt.number, 'T01-000001');
      assert.equal(receipt.grossMinor, 522);
      assert.equal(receipt.vatMinor, 73);
      assert.equal(receipt.changeMinor, 478);
      assert.deepEqual(receipt.payments, [{ method: 'cash', amountMinor: 522 }]);
      assert.equal(print.ok, true);
      // Anna may give 10 %: 20 % off is refused, 10 % of 10.00 is 1.00.
      await assert.rejects(till.receipt(sale([{ itemId: '4', quantity: '1', discountPercent: '20' }], 1000)), /discount.over_limit/);
      const second = await till.receipt(sale([{ itemId: '4', quantity: '1', discountPercent: '10' }], 900));
      assert.equal(second.receipt.number, 'T01-000002');
      assert.equal(second.receipt.grossMinor, 900);
      await assert.rejects(till.receipt({ ...sale([{ itemId: '4', quantity: '1' }], 500) }), /payment.insufficient/);
      // X report: float 50.00 + cash 5.22 + 9.00 = 64.22 in the drawer; then 4.22 taken out.
      till.journal.cashMove(anna.id, 'out', 422, 'to the safe');
      const x = till.journal.report(till.journal.requireShift().number);
      assert.equal(x.sales.count, 2);
      assert.equal(x.sales.grossMinor, 1422);
      assert.equal(x.expectedCashMinor, 6000);
      await until('receipts sent', () => till.journal.pendingCount() === 0);
      assert.deepEqual(server.received.map((r) => r.number), ['T01-000001', 'T01-000002']);
      assert.deepEqual(server.received[0]!.lines, [
        { itemId: 1, quantity: '2.000', unitPriceMinor: 129, discountMinor: 0, vatRate: '21' },
        { itemId: 2, quantity: '0.756', unitPriceMinor: 349, discountMinor: 0, vatRate: '12' },
      ]);
      assert.equal(server.received[1]!.lines[0]!.discountMinor, 100);
      const z = till.journal.closeShift(anna.id, 6000);
      assert.equal(z.shift.expectedMinor, 6000);
      assert.equal(till.journal.openShift(), undefined);
    } finally {
      await till.close();
    }
  });
});

test('without a fiscal register the receipt goes to the receipt printer under the receipt key', { timeout: 20_000 }, async () => {
  await withTill(async (server, dir) => {
    const devices = recordingDevices({ fiscalMissing: true });
    const till = openTill(dir, server.url, 'T01', devices);
    try {
      await till.sync.pullNow();
      const anna = await till.login('1111');
      till.journal.startShift(anna.id, 0);
      const { receipt } = await till.receipt(sale([{ itemId: '1', quantity: '1' }], 200));
      assert.deepEqual(devices.calls.map((c) => [c.kind, c.key]), [
        ['fiscalReceipt', `receipt:${receipt.uuid}`],
        ['printReceipt', `receipt:${receipt.uuid}`],
      ]);
    } finally {
      await till.close();
    }
  });
});

test('a return is limited to what the receipt sold and refunds its price', { timeout: 20_000 }, async () => {
  await withTill(async (server, dir) => {
    const till = openTill(dir, server.url);
    try {
      await till.sync.pullNow();
      const boris = await till.login('2222');
      till.journal.startShift(boris.id, 0);
      const sold = await till.receipt(sale([{ itemId: '1', quantity: '2' }], 258));
      const ret = (quantity: string) => till.receipt({ uuid: randomUUID(), type: 'return', originalNumber: 't01-000001', lines: [{ itemId: '1', quantity }] });
      const first = await ret('1');
      assert.equal(first.receipt.type, 'return');
      assert.equal(first.receipt.originalUuid, sold.receipt.uuid);
      assert.equal(first.receipt.grossMinor, 129);
      await assert.rejects(ret('2'), /return.quantity_exceeds_sold/);
      await ret('1');
      await assert.rejects(ret('0.001'), /return.quantity_exceeds_sold/);
      assert.equal(till.journal.report(1).expectedCashMinor, 0);
    } finally {
      await till.close();
    }
  });
});

test('receipts reach the server exactly once, in order, through an outage, lost answers and a restart', { timeout: 30_000 }, async () => {
  await withTill(async (server, dir) => {
    let till = openTill(dir, server.url);
    await till.sync.pullNow();
    const anna = await till.login('1111');
    till.journal.startShift(anna.id, 0);
    server.mode = 'fail';
    const numbers: string[] = [];
    for (let i = 0; i < 3; i++) numbers.push((await till.receipt(sale([{ itemId: '1', quantity: '1' }], 129))).receipt.number);
    await until('a failed attempt', () => server.posts.length >= 2);
    assert.equal(till.sync.online, false);
    assert.equal(till.journal.pendingCount(), 3);
    assert.equal(server.received.length, 0);
    // The server takes the first receipt but the answer is lost: the till must not count it as sent.
    server.mode = 'lose-answer';
    await until('a lost answer', () => server.received.length === 1);
    assert.equal(till.journal.pendingCount(), 3);
    await till.close();
    // The till restarts while the server is still flaky, then the server comes back.
    till = openTill(dir, server.url);
    try {
      const boris = await till.login('2222');
      numbers.push((await till.receipt(sale([{ itemId: '4', quantity: '1' }], 1000))).receipt.number);
      assert.equal(boris.name, 'Boris');
      server.mode = 'ok';
      till.sync.kick();
      await until('all sent', () => till.journal.pendingCount() === 0);
      assert.deepEqual(numbers, ['T01-000001', 'T01-000002', 'T01-000003', 'T01-000004']);
      assert.deepEqual(server.received.map((r) => r.number), numbers);
      assert.equal(new Set(server.received.map((r) => r.uuid)).size, 4);
      // Each receipt got exactly one successful answer; the rest were retries of the same key.
      for (const r of server.received) assert.equal(server.posts.filter((p) => p.uuid === r.uuid && p.answered === 200).length, 1, r.number);
      assert.equal(till.sync.online, true);
    } finally {
      await till.close();
    }
  });
});

test('a cashier logs in by PIN after the store server has gone away', { timeout: 20_000 }, async () => {
  await withTill(async (server, dir) => {
    const first = openTill(dir, server.url);
    await first.sync.pullNow();
    await first.close();
    await server.close();
    const till = openTill(dir, server.url);
    try {
      await till.sync.pullNow();
      assert.equal(till.sync.online, false);
      assert.equal((await till.login('1111')).name, 'Anna');
      await assert.rejects(till.login('1234'), /auth.pin_invalid/);
      assert.equal(till.catalogue.lookupBarcode('4750000000021')?.item.code, '1003');
    } finally {
      await till.close();
    }
  });
});

test('two tills selling offline never clash on receipt numbers', { timeout: 20_000 }, async () => {
  await withTill(async (server, dir) => {
    const a = openTill(join(dir, 'a'), server.url, 'T01');
    const b = openTill(join(dir, 'b'), server.url, 'T02');
    try {
      await Promise.all([a.sync.pullNow(), b.sync.pullNow()]);
      server.mode = 'fail';
      for (const till of [a, b]) {
        const c = await till.login('1111');
        till.journal.startShift(c.id, 0);
      }
      for (let i = 0; i < 2; i++) {
        await a.receipt(sale([{ itemId: '1', quantity: '1' }], 129));
        await b.receipt(sale([{ itemId: '1', quantity: '1' }], 129));
      }
      server.mode = 'ok';
      a.sync.kick();
      b.sync.kick();
      await until('both tills sent', () => a.journal.pendingCount() + b.journal.pendingCount() === 0);
      assert.deepEqual(server.received.map((r) => r.number).sort(), ['T01-000001', 'T01-000002', 'T02-000001', 'T02-000002']);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

test('a receipt the server refuses is set aside, the rest still go, and it can be resent', { timeout: 20_000 }, async () => {
  await withTill(async (server, dir) => {
    const till = openTill(dir, server.url);
    try {
      await till.sync.pullNow();
      const anna = await till.login('1111');
      till.journal.startShift(anna.id, 0);
      server.mode = 'reject';
      const first = await till.receipt(sale([{ itemId: '1', quantity: '1' }], 129));
      await until('rejected', () => till.journal.rejected().length === 1);
      server.mode = 'ok';
      await till.receipt(sale([{ itemId: '1', quantity: '1' }], 129));
      await until('second sent', () => server.received.length === 1);
      assert.equal(server.received[0]!.number, 'T01-000002');
      assert.equal(till.journal.requeue(first.receipt.uuid), true);
      till.sync.kick();
      await until('first sent', () => till.journal.pendingCount() === 0 && server.received.length === 2);
      assert.equal(server.received[1]!.number, 'T01-000001');
      assert.deepEqual(till.journal.rejected(), []);
    } finally {
      await till.close();
    }
  });
});

test('a card sale is charged on the terminal once per key and the receipt keeps its approval code', { timeout: 20_000 }, async () => {
  await withTill(async (server, dir) => {
    const devices = recordingDevices();
    const till = openTill(dir, server.url, 'T01', devices);
    try {
      await till.sync.pullNow();
      const anna = await till.login('1111');
      till.journal.startShift(anna.id, 0);
      // Two loaves of rye bread: 2 × 1.29 = 2.58 on the card.
      const paid = await till.cardPayment('purchase', 'card:r1:0', 258, 'T01');
      assert.equal(paid.amountMinor, 258);
      assert.equal(paid.maskedPan, '************4321');
      // The page reloads and asks again under the same key: the same approval, no second charge.
      const again = await till.cardPayment('purchase', 'card:r1:0', 258);
      assert.equal(again.approvalCode, paid.approvalCode);

      // A page cannot invent an approval: an unknown key, or another amount than approved, is refused.
      const forged = { uuid: randomUUID(), lines: [{ itemId: '1', quantity: '2' }] };
      await assert.rejects(till.receipt({ ...forged, payments: [{ method: 'card', amountMinor: 258, paymentKey: 'card:nobody:0' }] }), /payment.not_approved/);
      await assert.rejects(till.receipt({ ...forged, payments: [{ method: 'card', amountMinor: 129, paymentKey: 'card:r1:0' }] }), /payment.amount_mismatch/);

      const { receipt } = await till.receipt({ uuid: randomUUID(), lines: [{ itemId: '1', quantity: '2' }], payments: [{ method: 'card', amountMinor: 258, paymentKey: 'card:r1:0' }] });
      assert.deepEqual(receipt.payments, [{ method: 'card', amountMinor: 258, paymentKey: 'card:r1:0', approvalCode: paid.approvalCode, maskedPan: '************4321', rrn: paid.rrn }]);
      await until('the server has the receipt', () => server.received.length === 1);
      assert.equal(server.received[0]!.payments[0]!.approvalCode, paid.approvalCode);
      assert.equal(till.journal.report(1).payments.cardMinor, 258);

      // Declined: the cashier sees why, and the next try goes under a new key.
      devices.card = 'decline';
      await assert.rejects(till.cardPayment('purchase', 'card:r2:0', 129), /payment.declined/);
      devices.card = 'approve';
      assert.ok((await till.cardPayment('purchase', 'card:r2:1', 129)).approvalCode);
      // The customer leaves without the goods: the approved payment is voided on the terminal.
      assert.deepEqual(await till.cancelCardPayment('card:r2:1'), { cancelled: true });
      assert.ok(devices.calls.some((c) => c.kind === 'payment:cancel' && c.key === 'cancel:card:r2:1'));

      devices.card = 'missing';
      await assert.rejects(till.cardPayment('purchase', 'card:r3:0', 129), /payment.no_terminal/);
    } finally {
      await till.close();
    }
  });
});

test('a cashier without till.refund takes goods back only with a senior cashier PIN', { timeout: 20_000 }, async () => {
  await withTill(async (server, dir) => {
    const till = openTill(dir, server.url);
    try {
      await till.sync.pullNow();
      const anna = await till.login('1111');
      assert.equal(till.status().cashier?.mayRefund, false);
      till.journal.startShift(anna.id, 500);
      await till.receipt(sale([{ itemId: '1', quantity: '1' }], 129));
      const giveBack = (approverPin?: string) =>
        till.receipt({ uuid: randomUUID(), type: 'return', originalNumber: 'T01-000001', lines: [{ itemId: '1', quantity: '1' }], ...(approverPin ? { approverPin } : {}) });
      await assert.rejects(giveBack(), /auth.right_required/);
      // Her own PIN does not lift her rights; Boris (till.senior) standing by does.
      await assert.rejects(giveBack('1111'), /auth.right_required/);
      await assert.rejects(till.cardPayment('refund', 'refund:x', 129), /auth.right_required/);
      const { receipt } = await giveBack('2222');
      assert.equal(receipt.type, 'return');
      assert.equal(receipt.cashierId, anna.id, 'the return is hers, approved by him');
      assert.equal(till.journal.report(1).expectedCashMinor, 500);
      const log = till.journal.auditLog(10).map((a) => a.action);
      assert.ok(log.includes('approve'));
      assert.ok(log.includes('approve.refused'));
    } finally {
      await till.close();
    }
  });
});

test('a typed price needs till.price or a senior cashier approving that receipt', { timeout: 20_000 }, async () => {
  await withTill(async (server, dir) => {
    const till = openTill(dir, server.url);
    try {
      await till.sync.pullNow();
      const anna = await till.login('1111');
      till.journal.startShift(anna.id, 0);
      // The bread's label is torn; the shelf says 0.99 instead of 1.29.
      const uuid = randomUUID();
      const ring = () => till.receipt({ uuid, lines: [{ itemId: '1', quantity: '2', priceMinor: 99 }], payments: [{ method: 'cash', amountMinor: 198 }] });
      await assert.rejects(ring(), /auth.right_required/);
      await assert.rejects(async () => till.approve(uuid, 'till.price', '1111'), /auth.right_required/);
      assert.deepEqual(till.approve(uuid, 'till.price', '2222'), { approvedBy: 'Boris' });
      const { receipt } = await ring();
      assert.equal(receipt.lines[0]!.unitPriceMinor, 99);
      assert.equal(receipt.grossMinor, 198);
      // The approval was for that receipt only.
      await assert.rejects(till.receipt({ uuid: randomUUID(), lines: [{ itemId: '1', quantity: '1', priceMinor: 99 }] }), /auth.right_required/);
      // The catalogue price typed again is no manual price.
      assert.equal((await till.receipt({ uuid: randomUUID(), lines: [{ itemId: '1', quantity: '1', priceMinor: 129 }] })).receipt.grossMinor, 129);
      const manual = till.journal.auditLog(20).filter((a) => a.action === 'price.manual');
      assert.equal(manual.length, 1);
    } finally {
      await till.close();
    }
  });
});

test('a return without the receipt: today\'s price, approved by a senior cashier, refunded to the card', { timeout: 20_000 }, async () => {
  await withTill(async (server, dir) => {
    const devices = recordingDevices();
    const till = openTill(dir, server.url, 'T01', devices);
    try {
      await till.sync.pullNow();
      const anna = await till.login('1111');
      till.journal.startShift(anna.id, 0);
      const uuid = randomUUID();
      const giveBack = (paymentKey?: string) =>
        till.receipt({ uuid, type: 'return', lines: [{ itemId: '1', quantity: '2' }], payments: paymentKey ? [{ method: 'card', amountMinor: 258, paymentKey }] : [] });
      await assert.rejects(giveBack(), /auth.right_required/);
      await assert.rejects(till.cardPayment('refund', `refund:${uuid}:0`, 258, undefined, undefined, uuid), /auth.right_required/);
      // Boris approves this return once; the refund and the return receipt both rest on it.
      till.approve(uuid, 'till.refund', '2222');
      const refund = await till.cardPayment('refund', `refund:${uuid}:0`, 258, undefined, undefined, uuid);
      const { receipt } = await giveBack(refund.paymentKey);
      assert.equal(receipt.type, 'return');
      assert.equal(receipt.originalUuid, null);
      assert.equal(receipt.grossMinor, 258, '2 × 1.29 at today\'s price');
      assert.equal(receipt.payments[0]!.approvalCode, refund.approvalCode);
      await until('the server has the return', () => server.received.length === 1);
      assert.equal(server.received[0]!.type, 'return');
      assert.equal(server.received[0]!.originalUuid, undefined);
      // The approval is spent: the next return without a receipt needs another one.
      await assert.rejects(till.receipt({ uuid: randomUUID(), type: 'return', lines: [{ itemId: '1', quantity: '1' }] }), /auth.right_required/);
    } finally {
      await till.close();
    }
  });
});

test('when the server answers again, waiting receipts go at the next catalogue pull, not after a long backoff', { timeout: 20_000 }, async () => {
  await withTill(async (server, dir) => {
    const till = new Till({ dataDir: dir, serverUrl: server.url, tillCode: 'T01', devices: recordingDevices(), sync: { minBackoffMs: 30_000, maxBackoffMs: 60_000, cataloguePeriodMs: 100 } });
    till.start();
    try {
      await till.sync.pullNow();
      const anna = await till.login('1111');
      till.journal.startShift(anna.id, 0);
      server.mode = 'fail';
      await till.receipt(sale([{ itemId: '1', quantity: '1' }], 129));
      await until('a failed attempt', () => server.posts.length >= 1);
      server.mode = 'ok';
      // The push backoff is 30 s; the next pull (0.1 s) finds the server and sends the receipt.
      await until('the receipt arrives', () => server.received.length === 1, 3000);
      // The server has it; the till marks it sent once it has read the answer.
      await until('the journal has nothing waiting', () => till.journal.pendingCount() === 0, 3000);
      assert.equal(server.received.length, 1);
    } finally {
      await till.close();
    }
  });
});

test('a paid card sale is cancelled as a whole: the terminal voids the payment and the goods come back', { timeout: 20_000 }, async () => {
  await withTill(async (server, dir) => {
    const devices = recordingDevices();
    const till = openTill(dir, server.url, 'T01', devices);
    try {
      await till.sync.pullNow();
      const anna = await till.login('1111');
      till.journal.startShift(anna.id, 0);
      const paid = await till.cardPayment('purchase', 'card:s1:0', 258);
      await till.receipt({ uuid: randomUUID(), lines: [{ itemId: '1', quantity: '2' }], payments: [{ method: 'card', amountMinor: 258, paymentKey: paid.paymentKey }] });
      const uuid = randomUUID();
      await assert.rejects(till.cancelPaid('T01-000001', uuid), /auth.right_required/);
      const { receipt } = await till.cancelPaid('T01-000001', uuid, '2222');
      assert.equal(receipt.type, 'return');
      assert.equal(receipt.grossMinor, 258);
      assert.deepEqual(receipt.payments.map((p) => [p.method, p.amountMinor, p.paymentKey]), [['card', 258, 'void:card:s1:0']]);
      assert.deepEqual(devices.calls.filter((c) => c.kind === 'payment:cancel').map((c) => [c.key, (c.payload as { amountMinor: number }).amountMinor]), [['void:card:s1:0', 258]]);
      // Pressed twice: the same return, no second void.
      assert.equal((await till.cancelPaid('T01-000001', uuid, '2222')).receipt.number, receipt.number);
      await assert.rejects(till.cancelPaid('T01-000001', randomUUID(), '2222'), /return.already_returned/);
      const report = till.journal.report(1);
      assert.equal(report.payments.cardMinor - report.refunds.cardMinor, 0);
    } finally {
      await till.close();
    }
  });
});
