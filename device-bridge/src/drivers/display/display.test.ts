import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CD5220_DISPLAY, EPSON_DISPLAY, createDisplayEmulator, encodeInitialize, encodeLine, encodeLines, fitLine } from '.';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

test('lines are padded or cut to 20 columns', () => {
  assert.equal(fitLine('Piens', 20), 'Piens               ');
  assert.equal(fitLine('Šokolādes konfektes ar riekstiem', 20), 'Šokolādes konfektes ');
});

test('CD5220: ESC Q A text CR for the upper line, ESC Q B for the lower', () => {
  assert.equal(hex(encodeLine(CD5220_DISPLAY, 'upper', 'TOTAL', 'PC437')), '1b5141' + '544f54414c' + '20'.repeat(15) + '0d');
  assert.equal(hex(encodeLine(CD5220_DISPLAY, 'lower', 'Хлеб', 'PC866')), '1b5142' + '95aba5a1' + '20'.repeat(16) + '0d');
});

test('Epson: ESC @, US MD1, ESC t 25; HOM for the upper line, US B CR for the lower', () => {
  assert.equal(hex(encodeInitialize(EPSON_DISPLAY, 'WPC1257')), '1b401f011b7419');
  assert.equal(hex(encodeLine(EPSON_DISPLAY, 'upper', 'Rīga', 'WPC1257')), '0b' + '52ee6761' + '20'.repeat(16));
  assert.equal(hex(encodeLine(EPSON_DISPLAY, 'lower', 'x', 'WPC1257')), '1f420d' + '78' + '20'.repeat(19));
});

for (const p of [EPSON_DISPLAY, CD5220_DISPLAY]) {
  test(`${p.name} emulator keeps both lines, fed byte by byte after noise`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'display-'));
    try {
      const emu = createDisplayEmulator({ send: () => undefined, outDir: dir });
      const bytes = Uint8Array.from([0x00, 0x00, ...encodeInitialize(p, 'WPC1257'), ...encodeLines(p, 'Rīgas maize', '1.25 EUR', 'WPC1257')]);
      for (const b of bytes) emu.receive(Uint8Array.of(b));
      assert.deepEqual(emu.lines, ['Rīgas maize         ', '1.25 EUR            ']);
      assert.equal(readFileSync(join(dir, 'display.txt'), 'utf8'), 'Rīgas maize         \n1.25 EUR            \n');
      emu.receive(Uint8Array.of(0x0c));
      assert.deepEqual(emu.lines, [' '.repeat(20), ' '.repeat(20)]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
