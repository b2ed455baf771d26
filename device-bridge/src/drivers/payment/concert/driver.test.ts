// Concert driver against the emulated Ingenico terminal over a real socat pty pair at 9600 7E1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPtyPair } from '../../../transports/pty-pair';
import { SerialTransport } from '../../../transports/serial';
import { ConcertTerminal } from './driver';
import { createConcertEmulator, type ConcertEmulator } from './emulator';

async function rig() {
  const pty = await openPtyPair();
  const serial = { baudRate: 9600, dataBits: 7 as const, parity: 'even' as const };
  const device = new SerialTransport({ type: 'serial', path: pty.devicePath, ...serial });
  const host = new SerialTransport({ type: 'serial', path: pty.hostPath, ...serial });
  await device.open();
  await host.open();
  const terminal: ConcertEmulator = createConcertEmulator({ send: (b) => void device.write(b), processingMs: 50, cardLast4: '4242' });
  device.onData((c) => terminal.receive(c));
  const ecr = new ConcertTerminal(host, { linkTimeoutMs: 600, answerTimeoutMs: 2000, retries: 2 });
  return {
    terminal,
    ecr,
    async close() {
      ecr.dispose();
      await host.close();
      await device.close();
      await pty.close();
    },
  };
}

test('a customer pays 12.34 EUR by card; then a refund and a cancellation', { timeout: 20000 }, async () => {
  const r = await rig();
  try {
    const paid = await r.ecr.purchase({ amountMinor: 1234, currency: 'EUR', reference: 'REC42' });
    assert.equal(paid.outcome, 'approved');
    assert.equal(paid.amountMinor, 1234);
    assert.equal(paid.currency, 'EUR');
    assert.equal(paid.maskedPan, '************4242');
    assert.match(paid.approvalCode ?? '', /^\d{6}$/);
    assert.equal(paid.rrn, '000000000001');
    const refunded = await r.ecr.refund({ amountMinor: 500, currency: 'CZK' });
    assert.deepEqual([refunded.outcome, refunded.currency], ['approved', 'CZK']);
    await r.ecr.cancel({ amountMinor: 1234, currency: 'EUR' });
    assert.deepEqual(r.terminal.transactions.map((t) => [t.request.type, t.request.amountMinor, t.request.currency]), [['0', 1234, '978'], ['1', 500, '203'], ['2', 1234, '978']]);
  } finally {
    await r.close();
  }
});

test('declined card, corrupted answer (NAK and resend), and a terminal that never answers', { timeout: 20000 }, async () => {
  const r = await rig();
  try {
    r.terminal.setBehaviour('decline');
    const declined = await r.ecr.purchase({ amountMinor: 999, currency: 'HUF' });
    assert.deepEqual([declined.outcome, declined.terminalStatus, declined.approvalCode], ['declined', '7', undefined]);
    r.terminal.setBehaviour('approve');
    r.terminal.corruptNextAnswer();
    assert.equal((await r.ecr.purchase({ amountMinor: 100, currency: 'EUR' })).outcome, 'approved');
    r.terminal.setBehaviour('no_answer');
    await assert.rejects(r.ecr.purchase({ amountMinor: 100, currency: 'EUR' }), { code: 'payment.no_answer' });
    assert.equal(r.terminal.transactions.length, 3);
  } finally {
    await r.close();
  }
});
