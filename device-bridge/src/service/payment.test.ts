// Card payments through the bridge: POST /api/payment/purchase runs on the Ingenico Concert emulator over a pty as a
// durable job; the same key twice charges once; a declined card fails the job with a translated payment.declined.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { isDomainError } from '@kasa/domain';
import { createConcertEmulator } from '../drivers/payment';
import { startEmulatorOnPty, type EmulatorFactory } from '../emulators/host';
import { createTransport } from '../transports';
import { startBridge } from './bridge';
import { adapterFactories } from './kinds';

interface PaymentJob {
  id: string;
  state: string;
  type: string;
  result?: { outcome: string; amountMinor: number; currency: string; approvalCode?: string; maskedPan?: string; rrn?: string };
}

test('a card purchase of 2.09 EUR is approved once per key, and refunded under its own key', { timeout: 30_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kasa-bridge-pay-'));
  const bridge = await startBridge({
    configFile: join(dir, 'config.json'),
    emulate: true,
    emulatorKinds: ['payment'],
    emulatorDir: join(dir, 'emulators'),
    port: 0,
    quiet: true,
    tillDist: join(dir, 'no-till-build'),
    tillDataDir: join(dir, 'till'),
  });
  try {
    const post = (op: string, body: object, lang = 'en') =>
      fetch(`${bridge.url}/api/payment/${op}`, { method: 'POST', headers: { 'x-bridge-token': bridge.token, 'content-type': 'application/json', 'accept-language': lang }, body: JSON.stringify(body) });
    const purchase = { key: 'card:receipt-1:0', amountMinor: 209, currency: 'EUR', reference: 'T01-000001' };
    const first = await post('purchase', purchase);
    assert.equal(first.status, 200);
    const { job } = (await first.json()) as { job: PaymentJob };
    assert.equal(job.state, 'done');
    assert.equal(job.type, 'payment.purchase');
    assert.equal(job.result?.outcome, 'approved');
    assert.equal(job.result?.amountMinor, 209);
    assert.equal(job.result?.currency, 'EUR');
    assert.match(job.result?.approvalCode ?? '', /^\d{6}$/);
    assert.equal(job.result?.maskedPan, '************1234');

    // The till resends after a lost answer: the same job comes back and the terminal is not asked again.
    const again = (await (await post('purchase', purchase)).json()) as { job: PaymentJob };
    assert.equal(again.job.id, job.id);
    const refund = (await (await post('refund', { key: 'refund:receipt-2', amountMinor: 209, currency: 'EUR' })).json()) as { job: PaymentJob };
    assert.equal(refund.job.state, 'done');
    assert.equal(refund.job.result?.outcome, 'approved');

    const stateFile = join(dir, 'emulators', 'payment', 'state.json');
    assert.ok(existsSync(stateFile));
    const terminal = JSON.parse(readFileSync(stateFile, 'utf8')) as { transactions: { request: { amountMinor: number; type: string } }[] };
    assert.equal(terminal.transactions.length, 2, 'one purchase and one refund reached the terminal');
    assert.deepEqual(terminal.transactions.map((t) => t.request.amountMinor), [209, 209]);

    const floatAmount = await post('purchase', { key: 'card:x:0', amountMinor: 2.09, currency: 'EUR' });
    assert.equal(floatAmount.status, 400);
  } finally {
    await bridge.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a declined card fails the payment with payment.declined', { timeout: 20_000 }, async () => {
  const declining: EmulatorFactory = {
    kind: 'payment',
    line: { baudRate: 9600, dataBits: 7, parity: 'even' },
    create: (send) => ({ emulator: createConcertEmulator({ send, behaviour: 'decline' }), view: {} }),
  };
  const em = await startEmulatorOnPty(declining, 'payment', {});
  const transport = createTransport(em.device.transport);
  try {
    await transport.open();
    const adapter = await adapterFactories.payment!(em.device, transport);
    await assert.rejects(adapter.payment!('purchase', { amountMinor: 1500, currency: 'EUR' }), (e) => isDomainError(e) && e.code === 'payment.declined');
    await adapter.close?.();
  } finally {
    await transport.close();
    await em.close();
  }
});
