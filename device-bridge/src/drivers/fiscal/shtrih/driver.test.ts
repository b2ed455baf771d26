// Shtrih-M driver against the emulated register over a real socat pty pair.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPtyPair } from '../../../transports/pty-pair';
import { SerialTransport } from '../../../transports/serial';
import { CMD, encodeOperationTlv, productCodeValue, tlv } from './codec';
import { ShtrihFiscal } from './driver';
import { createShtrihEmulator, type ShtrihEmulator, type ShtrihState } from './emulator';

async function rig(stateFile?: string) {
  const pty = await openPtyPair();
  const device = new SerialTransport({ type: 'serial', path: pty.devicePath, baudRate: 115200 });
  const host = new SerialTransport({ type: 'serial', path: pty.hostPath, baudRate: 115200 });
  await device.open();
  await host.open();
  let register: ShtrihEmulator = createShtrihEmulator({ send: (b) => void device.write(b), stateFile });
  device.onData((c) => register.receive(c));
  const fiscal = new ShtrihFiscal(host, { linkTimeoutMs: 500, answerTimeoutMs: 1000, retries: 2 });
  return {
    fiscal,
    get register() {
      return register;
    },
    /** The register is switched off and on: a new emulator from the same state file. */
    restart() {
      register = createShtrihEmulator({ send: (b) => void device.write(b), stateFile });
    },
    async close() {
      fiscal.dispose();
      await host.close();
      await device.close();
      await pty.close();
    },
  };
}

const bread = { name: 'Хлеб ржаной', quantity: '2', priceMinor: 4590 };
const cheese = { name: 'Сыр', quantity: '0.350', priceMinor: 89900 };

test('a cashier\'s shift: open, sell bread and cheese for cash, cash in/out, X and Z report, counters survive a restart', { timeout: 20000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'shtrih-'));
  const stateFile = join(dir, 'register.json');
  const r = await rig(stateFile);
  try {
    assert.equal((await r.fiscal.status()).mode, 'shift_closed');
    await r.fiscal.openShift();
    await r.fiscal.cashIn(100000);
    await r.fiscal.sale(bread);
    await r.fiscal.sale(cheese);
    const status = await r.fiscal.status();
    assert.equal(status.mode, 'receipt_open');
    assert.equal(status.receiptType, 'sale');
    // 2 × 45.90 = 91.80; 0.350 × 899.00 = 314.65; total 406.45; paid 500.00 cash → change 93.55
    assert.deepEqual(await r.fiscal.closeReceipt({ payments: { cash: 50000 } }), { changeMinor: 9355 });
    // card for a 10 % discounted receipt: 45.90 − 4.59 = 41.31
    await r.fiscal.sale({ ...bread, quantity: '1' });
    assert.deepEqual(await r.fiscal.closeReceipt({ payments: { card: 4131 }, discountBasisPoints: 1000 }), { changeMinor: 0 });
    await assert.rejects(r.fiscal.cashOut(200000), { code: 'fiscal.insufficient_cash' });
    // drawer: 1000.00 in + 406.45 cash sale = 1406.45
    assert.equal(r.register.state.cashInDrawerMinor, 140645);
    await r.fiscal.cashOut(40645);
    await r.fiscal.xReport();
    await r.fiscal.zReport();

    const saved = JSON.parse(readFileSync(stateFile, 'utf8')) as ShtrihState;
    assert.deepEqual(saved.journal.map((e) => e.type), ['open_shift', 'cash_in', 'sale', 'sale', 'cash_out', 'x_report', 'z_report']);
    assert.deepEqual(saved.journal[2]?.lines?.map((l) => l.amountMinor), [9180, 31465]);
    assert.equal(saved.journal[3]?.totalMinor, 4131);
    assert.equal(saved.cashInDrawerMinor, 100000);

    r.restart();
    const after = await r.fiscal.status();
    assert.equal(after.mode, 'shift_closed');
    assert.equal(after.documentNumber, 7);
    assert.equal(after.lastShiftNumber, 1);
    await r.fiscal.openShift();
    assert.equal(r.register.state.shiftNumber, 2);
    assert.deepEqual(await r.fiscal.lastDocument(), { documentNumber: 8, fiscalDocumentNumber: 6, kind: 'open_shift', shiftNumber: 2 });
  } finally {
    await r.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the register refuses what the mode forbids, with translatable keys', { timeout: 20000 }, async () => {
  const r = await rig();
  try {
    await assert.rejects(r.fiscal.sale(bread), { code: 'fiscal.not_supported_in_mode' });
    await r.fiscal.openShift();
    await r.fiscal.sale(bread);
    await assert.rejects(r.fiscal.returnSale(bread), { code: 'fiscal.invalid_operation' });
    await assert.rejects(r.fiscal.cashIn(100), { code: 'fiscal.check_open' });
    await assert.rejects(r.fiscal.closeReceipt({ payments: { cash: 100 } }), { code: 'fiscal.payments_less_than_total' });
    await assert.rejects(r.fiscal.closeReceipt({ payments: { card: 10000 } }), { code: 'fiscal.cashless_exceeds_total' });
    await r.fiscal.cancelReceipt();
    assert.equal((await r.fiscal.status()).mode, 'shift_open');
    await assert.rejects(r.fiscal.returnSale(bread).then(() => r.fiscal.closeReceipt({ payments: { cash: 9180 } })), { code: 'fiscal.insufficient_cash' });
    await r.fiscal.cancelReceipt();
    r.register.setPaperOut(true);
    await assert.rejects(r.fiscal.sale(bread), { code: 'fiscal.no_check_paper' });
    assert.equal((await r.fiscal.status()).paperOut, true);
    r.register.setPaperOut(false);
    r.register.expireShift();
    assert.equal((await r.fiscal.status()).mode, 'shift_expired');
    await assert.rejects(r.fiscal.sale(bread), { code: 'fiscal.shift_over_24h' });
    await r.fiscal.zReport();
    assert.equal(r.register.state.journal.filter((e) => e.type === 'sale').length, 0);
  } finally {
    await r.close();
  }
});

test('line noise on either side: the driver asks again (ENQ → ACK) or resends a NAKed frame, each line sold once', { timeout: 20000 }, async () => {
  const r = await rig();
  try {
    await r.fiscal.openShift();
    r.register.sendGarbageOnce();
    await r.fiscal.sale(bread);
    assert.equal(r.register.state.openReceipt?.lines.length, 1);
    // a damaged command frame is NAKed by the register and sent again: still one line per sale
    r.register.nakNextFrame();
    await r.fiscal.sale(cheese);
    assert.equal(r.register.state.openReceipt?.lines.length, 2);
    // an answer with a wrong LRC is NAKed by the driver and sent again by the register
    r.register.corruptNextAnswer();
    await r.fiscal.sale(bread);
    assert.equal(r.register.state.openReceipt?.lines.length, 3);
  } finally {
    await r.close();
  }
});

test('power cut during close-receipt: the driver times out, lastDocument shows the receipt, never a second one', { timeout: 20000 }, async () => {
  const r = await rig();
  try {
    await r.fiscal.openShift();
    await r.fiscal.sale(bread);
    r.register.powerCutOnNext(CMD.CLOSE_CHECK, 300);
    await assert.rejects(r.fiscal.closeReceipt({ payments: { cash: 10000 } }), { code: 'fiscal.no_answer' });
    await new Promise((done) => setTimeout(done, 300));
    // the bridge reconciles instead of retrying: the register did store the receipt of 91.80
    assert.deepEqual(await r.fiscal.lastDocument(), { documentNumber: 2, fiscalDocumentNumber: 3, kind: 'receipt', operation: 'sale', totalMinor: 9180 });
    assert.equal(r.register.state.journal.filter((e) => e.type === 'sale').length, 1);
    // even a careless retry cannot print it twice: no check is open any more
    await assert.rejects(r.fiscal.closeReceipt({ payments: { cash: 10000 } }), { code: 'fiscal.not_supported_in_mode' });
    assert.equal(r.register.state.journal.filter((e) => e.type === 'sale').length, 1);
  } finally {
    await r.close();
  }
});

test('a silent register is reported as fiscal.no_answer', { timeout: 20000 }, async () => {
  const r = await rig();
  try {
    r.register.setSilent(true);
    await assert.rejects(r.fiscal.status(), { code: 'fiscal.no_answer' });
  } finally {
    await r.close();
  }
});

test('printer busy (50h) and paper running out mid-print (58h): the driver waits or continues printing, nothing doubles', { timeout: 20000 }, async () => {
  const r = await rig();
  try {
    await r.fiscal.openShift();
    r.register.setPrintingMs(150);
    await r.fiscal.sale(bread);
    await r.fiscal.sale(cheese); // refused with 50h while bread prints, sent again after a pause
    assert.equal(r.register.state.openReceipt?.lines.length, 2);
    r.register.setPrintingMs(0);
    await new Promise((done) => setTimeout(done, 200));
    r.register.paperRunsOutDuringNextPrint();
    assert.deepEqual(await r.fiscal.closeReceipt({ payments: { cash: 50000 } }), { changeMinor: 9355 });
    assert.equal((await r.fiscal.status()).printer, 'paper_out');
    await assert.rejects(r.fiscal.sale(bread), { code: 'fiscal.no_check_paper' });
    r.register.setPaperOut(false);
    assert.equal((await r.fiscal.status()).printer, 'waiting_continue');
    await r.fiscal.sale(bread); // 58h → B0h continue print → the sale again
    assert.equal((await r.fiscal.status()).printer, 'ready');
    assert.equal(r.register.state.journal.filter((e) => e.type === 'sale').length, 1);
    assert.equal(r.register.state.openReceipt?.lines.length, 1);
  } finally {
    await r.close();
  }
});

const GS = '\x1d';
const cigarettes = { name: 'Сигареты', quantity: '1', priceMinor: 18900, markingCode: `0104601234567893215Abc1d${GS}93dGVz` };
const water = { name: 'Вода', quantity: '1', priceMinor: 5900, markingCode: `]d2010460123456789321XYZ-0001${GS}91EE05${GS}92c2ln` };

test('issue 7: marked units reach the register — each sale line gets its own tag 1162 (GTIN + serial) in the journal', { timeout: 20000 }, async () => {
  const r = await rig();
  try {
    await r.fiscal.openShift();
    await r.fiscal.sale(cigarettes);
    await r.fiscal.sale(bread);
    await r.fiscal.sale(water);
    await r.fiscal.closeReceipt({ payments: { cash: 40000 } });
    const receipt = r.register.state.journal.find((e) => e.type === 'sale');
    assert.deepEqual(receipt?.lines?.map((l) => [l.name, l.productCode]), [
      ['Сигареты', { gtin: '04601234567893', serial: '5Abc1d' }],
      ['Хлеб ржаной', undefined],
      ['Вода', { gtin: '04601234567893', serial: 'XYZ-0001' }],
    ]);
    // the crypto tail never reaches tag 1162: 2 + 6 + 6 bytes for "5Abc1d"
    assert.deepEqual(receipt?.lines?.[0]?.tlv, ['8a040e00444d042f4ef3b2d5354162633164']);
    // a returned marked unit carries its code too
    await r.fiscal.returnSale(cigarettes);
    assert.deepEqual(r.register.state.openReceipt?.lines[0]?.productCode, { gtin: '04601234567893', serial: '5Abc1d' });
    await r.fiscal.cancelReceipt();
  } finally {
    await r.close();
  }
});

test('a malformed marking code is refused before the line is sold; FF4Dh outside a receipt is refused by the register', { timeout: 20000 }, async () => {
  const r = await rig();
  try {
    await r.fiscal.openShift();
    await assert.rejects(r.fiscal.sale({ ...bread, markingCode: '0104601234567894215Abc1d' }), { code: 'marking.invalid' });
    assert.equal(r.register.state.openReceipt, undefined);
    await assert.rejects(r.fiscal.send(encodeOperationTlv(30, tlv(1162, productCodeValue('04601234567893', '5Abc1d')))), { code: 'fiscal.not_supported_in_mode' });
  } finally {
    await r.close();
  }
});
