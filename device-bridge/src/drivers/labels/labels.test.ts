import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { Money } from '@kasa/domain';
import { PRICE_TAG, SHELF_LABEL, ZplDecoder, TsplDecoder, createTsplEmulator, createZplEmulator, encodeTspl, encodeZpl, fillTemplate, type LabelItem } from '.';

const bread: LabelItem = { name: 'Rīgas maize', price: Money.of('2.49', 'EUR'), barcode: '4006381333931' };
const cheese: LabelItem = {
  name: 'Sýr Eidam "30%"', price: Money.of('59.90', 'CZK'), unitPrice: { price: Money.of('239.60', 'CZK'), unit: 'kg' }, barcode: 'SYR-250G',
};
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const text = (b: Uint8Array): string => new TextDecoder().decode(b);

test('price tag 40×30 mm at 203 dpi (8 dots/mm) in ZPL', () => {
  // 40 mm → 320 dots, 30 mm → 240; name at (2,2) mm → 16,16 with 3 mm → 24 dots; price 6 mm → 48; barcode at (4,15) → 32,120
  assert.equal(
    text(encodeZpl(fillTemplate(PRICE_TAG, bread, 2))),
    [
      '^XA', '^CI28', '^PW320', '^LL240',
      '^FO16,16^A0N,24,24^FH^FDRīgas maize^FS',
      '^FO16,56^A0N,48,48^FH^FD2.49 EUR^FS',
      '^FO32,120^BEN,80,Y,N^FD400638133393^FS',
      '^PQ2', '^XZ', '',
    ].join('\n'),
  );
});

test('price tag in TSPL: SIZE and GAP in mm from the template, font 3 multipliers', () => {
  assert.equal(
    text(encodeTspl(fillTemplate(PRICE_TAG, bread))),
    [
      'SIZE 40 mm,30 mm', 'GAP 2 mm,0 mm', 'DIRECTION 1', 'CODEPAGE UTF-8', 'CLS',
      'TEXT 16,16,"3",0,1,1,"Rīgas maize"',
      'TEXT 16,56,"3",0,2,2,"2.49 EUR"',
      'BARCODE 32,120,"EAN13",80,1,0,2,2,"400638133393"',
      'PRINT 1,1', '',
    ].join('\r\n'),
  );
});

test('shelf label with unit price round-trips through ZPL (escaped quote and Code128), split and after noise', () => {
  const layout = fillTemplate(SHELF_LABEL, cheese);
  const bytes = Uint8Array.from([...utf8('~JA\r\n garbage '), ...encodeZpl(layout)]);
  for (const cut of [1, 5, 40, 41, 42, bytes.length - 2]) {
    const d = new ZplDecoder();
    const got = [...d.push(bytes.slice(0, cut)), ...d.push(bytes.slice(cut))];
    assert.equal(got.length, 1, `cut ${cut}`);
    assert.deepEqual(got[0]?.elements, layout.elements);
  }
  assert.deepEqual(layout.elements.map((e) => (e.kind === 'text' ? e.text : `${e.symbology}:${e.data}`)), [
    'Sýr Eidam "30%"', '59.90 CZK', '239.60 CZK/kg', 'Code128:SYR-250G',
  ]);
});

test('a TSPL job split across chunks with noise before it gives the same label', () => {
  const layout = fillTemplate(SHELF_LABEL, cheese, 3);
  const bytes = Uint8Array.from([0x00, 0x1b, ...encodeTspl(layout)]);
  for (const cut of [1, 2, 10, 60, bytes.length - 1]) {
    const d = new TsplDecoder();
    const got = [...d.push(bytes.slice(0, cut)), ...d.push(bytes.slice(cut))];
    assert.equal(got.length, 1);
    assert.deepEqual(got[0], layout);
  }
});

for (const [name, create, encode] of [
  ['zpl', createZplEmulator, encodeZpl],
  ['tspl', createTsplEmulator, encodeTspl],
] as const) {
  test(`${name} emulator writes label-1.txt and label-1.png`, () => {
    const dir = mkdtempSync(join(tmpdir(), `${name}-`));
    try {
      const emu = create({ send: () => undefined, outDir: dir });
      emu.receive(encode(fillTemplate(SHELF_LABEL, { ...bread, unitPrice: { price: Money.of('4.98', 'EUR'), unit: 'kg' } })));
      const txt = readFileSync(join(dir, 'label-1.txt'), 'utf8');
      // ZPL does not carry the gap; TSPL's GAP does
      assert.equal(txt.split('\n')[0], name === 'zpl' ? 'label 58x40 mm, 203 dpi, copies 1' : 'label 58x40 mm, gap 3 mm, 203 dpi, copies 1');
      assert.match(txt, /: Rīgas maize$/m);
      assert.match(txt, /: 4\.98 EUR\/kg$/m);
      assert.match(txt, /^barcode EAN-13 .*: 4006381333931$/m);
      const png = PNG.sync.read(readFileSync(join(dir, 'label-1.png')));
      assert.equal(png.width, 464 + 16); // 58 mm at 203 dpi plus the margin
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
