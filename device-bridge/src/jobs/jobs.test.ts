// Job store and runner on a real SQLite file: one key → one job → one run; crash leftovers are reconciled.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { DomainError } from '@kasa/domain';
import { JobStore } from './store';
import { JobRunner, type JobHandler } from './runner';

function tempDb() {
  const dir = mkdtempSync(join(tmpdir(), 'kasa-jobs-'));
  return { file: join(dir, 'bridge.db'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

test('the same idempotency key twice gives one job and one print', { timeout: 5000 }, async () => {
  const { file, cleanup } = tempDb();
  const store = new JobStore(file);
  let prints = 0;
  const handler: JobHandler = { run: async () => ({ printed: ++prints }) };
  const runner = new JobRunner(store, () => handler);
  try {
    const a = runner.submit({ key: 'receipt-0042', type: 'print.receipt', deviceId: 'printer', payload: { lines: ['Milk 1.19'] } });
    const b = runner.submit({ key: 'receipt-0042', type: 'print.receipt', deviceId: 'printer', payload: { lines: ['Milk 1.19'] } });
    assert.equal(a.created, true);
    assert.equal(b.created, false);
    assert.equal(b.job.id, a.job.id);
    const done = await runner.waitFor(a.job.id, 2000);
    assert.equal(done.state, 'done');
    assert.deepEqual(done.result, { printed: 1 });
    runner.submit({ key: 'receipt-0042', type: 'print.receipt', deviceId: 'printer', payload: {} });
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(prints, 1);
  } finally {
    await runner.close();
    store.close();
    cleanup();
  }
});

test('a failed job is retried by key and then succeeds once', { timeout: 5000 }, async () => {
  const { file, cleanup } = tempDb();
  const store = new JobStore(file);
  let calls = 0;
  const handler: JobHandler = {
    run: async () => {
      calls++;
      if (calls === 1) throw new Error('paper out');
      return { ok: true };
    },
  };
  const runner = new JobRunner(store, () => handler);
  try {
    const { job } = runner.submit({ key: 'k1', type: 'print.receipt', deviceId: 'p', payload: {} });
    const failed = await runner.waitFor(job.id, 2000);
    assert.equal(failed.state, 'failed');
    assert.deepEqual(failed.error, { code: 'device.io', params: { cause: 'paper out' } });
    runner.retry('k1');
    const done = await runner.waitFor(job.id, 2000);
    assert.equal(done.state, 'done');
    assert.equal(done.attempts, 2);
    assert.equal(runner.retry('k1')?.state, 'done'); // a done job is not run again
    assert.equal(calls, 2);
  } finally {
    await runner.close();
    store.close();
    cleanup();
  }
});

test('after a crash, a running fiscal job is done if the register number advanced, requeued if not', { timeout: 5000 }, async () => {
  const { file, cleanup } = tempDb();
  // The state a kill -9 leaves: two fiscal jobs marked running with the number read before sending (17).
  const before = new JobStore(file);
  const sent = before.enqueue({ key: 'sale-1', type: 'fiscal.receipt', deviceId: 'kkt', payload: {} }).job;
  const notSent = before.enqueue({ key: 'sale-2', type: 'fiscal.receipt', deviceId: 'kkt', payload: {} }).job;
  const printJob = before.enqueue({ key: 'print-1', type: 'print.receipt', deviceId: 'printer', payload: {} }).job;
  for (const j of [sent, notSent, printJob]) before.start(j.id);
  before.recordFiscalDocBefore(sent.id, 17);
  before.recordFiscalDocBefore(notSent.id, 18);
  before.close();

  // The register made document 18 for sale-1 before the crash; sale-2 never reached it.
  let lastDoc = 18;
  const fiscal: JobHandler = {
    lastDocumentNumber: async () => lastDoc,
    run: async () => ({ documentNumber: ++lastDoc }),
  };
  const store = new JobStore(file);
  const runner = new JobRunner(store, (type) => (type.startsWith('fiscal.') ? fiscal : undefined));
  try {
    await runner.recover();
    assert.deepEqual(store.get(sent.id)?.result, { documentNumber: 18, reconciled: true });
    const second = await runner.waitFor(notSent.id, 2000);
    assert.equal(second.state, 'done');
    assert.deepEqual(second.result, { documentNumber: 19 });
    assert.equal(lastDoc, 19); // exactly one new document
    assert.equal(store.get(printJob.id)?.state, 'failed');
    assert.equal(store.get(printJob.id)?.error?.code, 'job.interrupted');
  } finally {
    await runner.close();
    store.close();
    cleanup();
  }
});

test('a receipt the register refused is printed on retry even after another document was made in between', { timeout: 5000 }, async () => {
  const { file, cleanup } = tempDb();
  const store = new JobStore(file);
  let registerNumber = 10;
  let shiftOpen = false;
  const receipts: number[] = [];
  const fiscal: JobHandler = {
    lastDocumentNumber: async () => registerNumber,
    run: async (job) => {
      if (job.type === 'fiscal.open-shift') {
        shiftOpen = true;
        return { documentNumber: ++registerNumber };
      }
      if (!shiftOpen) throw new DomainError('fiscal.shift_closed', {});
      receipts.push(++registerNumber);
      return { documentNumber: registerNumber };
    },
  };
  const runner = new JobRunner(store, () => fiscal);
  try {
    const { job } = runner.submit({ key: 'receipt-7', type: 'fiscal.receipt', deviceId: 'kkt', payload: {} });
    assert.equal((await runner.waitFor(job.id, 2000)).state, 'failed');
    const shift = runner.submit({ key: 'open-1', type: 'fiscal.open-shift', deviceId: 'kkt', payload: {} });
    assert.equal((await runner.waitFor(shift.job.id, 2000)).state, 'done');
    runner.retry('receipt-7');
    const done = await runner.waitFor(job.id, 2000);
    assert.equal(done.state, 'done');
    // The open shift was document 11; the receipt itself is 12, printed once, not "reconciled" as 11.
    assert.deepEqual(receipts, [12]);
    assert.deepEqual(done.result, { documentNumber: 12 });
  } finally {
    await runner.close();
    store.close();
    cleanup();
  }
});
