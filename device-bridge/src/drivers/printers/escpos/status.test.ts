import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeStatus, encodeStatus, READY_STATUS } from './status';

test('a ready printer answers 0x12 to every DLE EOT', () => {
  assert.deepEqual(decodeStatus({ printer: 0x12, offline: 0x12, paper: 0x12 }), READY_STATUS);
});

test('paper out: offline (0x1A), paper-end stop (0x32), roll end (0x7E)', () => {
  const s = decodeStatus({ printer: 0x1a, offline: 0x32, paper: 0x7e });
  assert.equal(s.online, false);
  assert.equal(s.paperOut, true);
  assert.equal(s.paperNearEnd, true);
  assert.equal(s.coverOpen, false);
});

test('cover open is bit 2 of DLE EOT 2 (0x16); drawer is bit 2 of DLE EOT 1 (0x16)', () => {
  assert.equal(decodeStatus({ offline: 0x16 }).coverOpen, true);
  assert.equal(decodeStatus({ printer: 0x16 }).drawerOpen, true);
  assert.equal(decodeStatus({ printer: 0x16 }).online, true);
});

test('the emulator side builds the bytes the driver side reads', () => {
  const paperOut = { ...READY_STATUS, paperOut: true };
  assert.equal(encodeStatus('printer', paperOut), 0x1a);
  assert.equal(encodeStatus('offline', paperOut), 0x32);
  assert.equal(encodeStatus('paper', paperOut), 0x7e);
  assert.equal(encodeStatus('offline', { ...READY_STATUS, coverOpen: true }), 0x16);
});

test('a byte that is not shaped like a status answer is refused', () => {
  assert.throws(() => decodeStatus({ printer: 0x41 }), /escpos.status_invalid/);
});
