// The device bench's own code, run briefly: correctness only (timings are never asserted).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runEscPosStreamBench } from './escpos-bench';
import { runScaleReadsBench, SCALE_CASES } from './scale-bench';

test(
  'ESC/POS stream: the emulator cuts every receipt the driver sent, byte for byte intact',
  { timeout: 30_000 },
  async () => {
    const r = await runEscPosStreamBench({ seconds: 0.2, maxReceipts: 20 });
    assert.ok(r.receipts >= 1);
    assert.equal(r.receivedReceipts, r.receipts);
    assert.equal(r.damagedReceipts, 0);
    assert.equal(r.firstBadOffset, null);
    assert.equal(r.bytes, r.receipts * r.bytesPerReceipt);
    assert.equal(r.lineBytesPerSecond, 11520); // 115200 baud / 10 bits
  },
);

for (const c of SCALE_CASES) {
  test(
    `${c.label}: every weight read over the pty is the emulator's 2.500 kg, stable`,
    { timeout: 30_000 },
    async () => {
      const r = await runScaleReadsBench(c, { seconds: 0.2, maxReads: 50, weightKg: '2.500' });
      assert.ok(r.reads >= 1);
      assert.equal(r.wrongReadings, 0, r.firstWrong);
    },
  );
}

test('the protocol limits the scale ratios divide by, worked by hand', () => {
  const limits = Object.fromEntries(SCALE_CASES.map((c) => [c.label, c.roundTripBytes(1235)]));
  // CAS: ENQ, ACK, DC1 + 15-byte frame; Toledo: 'W' + STX "001.235" CR; Massa-K: 8-byte request + 16-byte answer.
  assert.deepEqual(limits, { CAS: 18, 'Toledo 8217': 10, 'Massa-K': 24 });
});
