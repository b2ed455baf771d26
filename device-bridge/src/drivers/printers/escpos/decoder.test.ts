import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EscPosDecoder, type EscPosCommand } from './decoder';

const bytesOf = (h: string): Uint8Array => Uint8Array.from(Buffer.from(h.replace(/\s/g, ''), 'hex'));

// ESC @, ESC t 25, "Rīgas" LF, GS V 1, DLE EOT 4
const stream = bytesOf('1b40 1b7419 52ee676173 0a 1d5601 100404');
const expected: EscPosCommand[] = [
  { type: 'init' },
  { type: 'codePage', n: 25 },
  { type: 'text', bytes: bytesOf('52ee676173') },
  { type: 'lf' },
  { type: 'cut', partial: true, feedDots: 0 },
  { type: 'status', n: 4 },
];

const merge = (cmds: EscPosCommand[]): EscPosCommand[] => {
  // text may arrive in pieces when a chunk ends inside it; join neighbours for comparison
  const out: EscPosCommand[] = [];
  for (const c of cmds) {
    const last = out.at(-1);
    if (c.type === 'text' && last?.type === 'text') last.bytes = Uint8Array.from([...last.bytes, ...c.bytes]);
    else out.push(c.type === 'text' ? { type: 'text', bytes: Uint8Array.from(c.bytes) } : c);
  }
  return out;
};

test('decodes a whole stream', () => {
  assert.deepEqual(merge(new EscPosDecoder().push(stream)), expected);
});

test('decodes the same stream split at every byte boundary', () => {
  for (let cutAt = 1; cutAt < stream.length; cutAt++) {
    const d = new EscPosDecoder();
    const got = [...d.push(stream.slice(0, cutAt)), ...d.push(stream.slice(cutAt))];
    assert.deepEqual(merge(got), expected, `split at ${cutAt}`);
  }
});

test('skips line noise (NUL, CR, stray DLE) before the frame', () => {
  const d = new EscPosDecoder();
  assert.deepEqual(merge(d.push(Uint8Array.from([0x00, 0x0d, 0x10, 0x00, ...stream]))), expected);
});

test('waits for the whole QR store command and raster image', () => {
  const d = new EscPosDecoder();
  const qr = bytesOf('1d286b0500315030 4142');
  assert.deepEqual(d.push(qr.slice(0, 6)), []);
  assert.deepEqual(d.push(qr.slice(6)), [{ type: 'qr', fn: 80, params: bytesOf('304142') }]);
  const raster = bytesOf('1d763000 0200 0200 ff000ff0');
  assert.deepEqual(d.push(raster.slice(0, 9)), []);
  assert.deepEqual(d.push(raster.slice(9)), [{ type: 'raster', bytesPerRow: 2, heightDots: 2, data: bytesOf('ff000ff0') }]);
});

test('barcode with function B length and drawer kick', () => {
  const d = new EscPosDecoder();
  assert.deepEqual(d.push(bytesOf('1d6b4906 7b4241423132 1b70003264')), [
    { type: 'barcode', m: 73, data: bytesOf('7b4241423132') },
    { type: 'drawer', pin: 2, onMs: 100, offMs: 200 },
  ]);
});
