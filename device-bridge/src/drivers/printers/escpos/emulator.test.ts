import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { Money } from '@kasa/domain';
import { concat, cut, initialize, line, selectCodePage, statusRequest } from './encoder';
import { createEscPosEmulator } from './emulator';
import { layoutReceipt, type Receipt } from './layout';

const eur = (a: string): Money => Money.of(a, 'EUR');

const latvianReceipt: Receipt = {
  language: 'lv',
  header: ['Maiznīca', 'Brīvības iela 1, Rīga'],
  items: [
    { name: 'Rīgas maize 1 gab.', quantity: '2', price: eur('1.25'), sum: eur('2.50') },
    { name: 'Siers', quantity: '0.512', unit: 'kg', price: eur('9.80'), sum: eur('5.02') },
  ],
  vat: [{ rate: '21%', base: eur('6.22'), vat: eur('1.30') }],
  total: eur('7.52'),
  payments: [{ method: 'Skaidra nauda', amount: eur('10.00') }],
  change: eur('2.48'),
  footer: ['Paldies!'],
  qr: 'https://kasa.example/r/42',
  barcode: { system: 'EAN-13', data: '4006381333931' },
};

test('a Latvian receipt prints through WPC1257 and lands as receipt-1.txt and .png', () => {
  const dir = mkdtempSync(join(tmpdir(), 'escpos-'));
  try {
    const emu = createEscPosEmulator({ send: () => undefined, outDir: dir, columns: 42 });
    const bytes = layoutReceipt(latvianReceipt, { columns: 42 });
    // fed in 7-byte chunks as a slow serial line would deliver it
    for (let i = 0; i < bytes.length; i += 7) emu.receive(bytes.slice(i, i + 7));
    assert.equal(emu.receipts.length, 1);
    const txt = readFileSync(join(dir, 'receipt-1.txt'), 'utf8');
    assert.match(txt, /^Rīgas maize 1 gab\.$/m);
    assert.match(txt, /^ {2}2 x 1\.25 {28}2\.50$/m); // 42 columns: "  2 x 1.25" (10) + 28 spaces + "2.50" (4)
    assert.match(txt, /^KOPĀ {30}7\.52 EUR$/m);
    assert.match(txt, /^PVN 21% {2}Bāze 6\.22 {20}1\.30$/m);
    assert.match(txt, /\[EAN-13 4006381333931\]/);
    assert.match(txt, /\[QR https:\/\/kasa\.example\/r\/42\]/);
    const png = PNG.sync.read(readFileSync(join(dir, 'receipt-1.png')));
    assert.equal(png.width, 42 * 12 + 16);
    assert.ok(png.height > 300);
    let dark = 0;
    for (let i = 0; i < png.data.length; i += 4) if (png.data[i] === 0) dark++;
    assert.ok(dark > 2000, `ink on the paper: ${dark}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('Latvian (WPC1257) and Russian (PC866) lines round-trip byte-exactly', () => {
  const emu = createEscPosEmulator({ send: () => undefined });
  emu.receive(concat([initialize(), selectCodePage('WPC1257'), line('Rīgas maize 1 gab.', 'WPC1257'), selectCodePage('PC866'), line('Хлеб Бородинский', 'PC866'), cut('full')]));
  const [lv, ru] = emu.receipts[0]?.lines ?? [];
  assert.ok(lv?.kind === 'text' && ru?.kind === 'text');
  assert.equal(Buffer.from(lv.segments[0]?.bytes ?? []).toString('hex'), '52ee676173206d61697a652031206761622e');
  assert.equal(lv.segments[0]?.text, 'Rīgas maize 1 gab.');
  assert.equal(Buffer.from(ru.segments[0]?.bytes ?? []).toString('hex'), '95aba5a12081aee0aea4a8ade1aaa8a9');
  assert.equal(ru.segments[0]?.text, 'Хлеб Бородинский');
  assert.equal(emu.receipts[0]?.text, 'Rīgas maize 1 gab.\nХлеб Бородинский\n');
});

test('status answers follow injected faults; no answer stays silent', () => {
  const sent: number[] = [];
  const emu = createEscPosEmulator({ send: (b) => sent.push(...b) });
  emu.receive(concat([statusRequest('printer'), statusRequest('offline'), statusRequest('paper')]));
  assert.deepEqual(sent, [0x12, 0x12, 0x12]);
  sent.length = 0;
  emu.setFault('paperOut', true);
  emu.receive(concat([statusRequest('printer'), statusRequest('offline'), statusRequest('paper')]));
  assert.deepEqual(sent, [0x1a, 0x32, 0x7e]);
  sent.length = 0;
  emu.setFault('paperOut', false);
  emu.setFault('coverOpen', true);
  emu.receive(statusRequest('offline'));
  assert.deepEqual(sent, [0x16]);
  sent.length = 0;
  emu.setFault('noAnswer', true);
  emu.receive(statusRequest('printer'));
  assert.deepEqual(sent, []);
});

test('a receipt sent while the paper is out prints once paper is loaded', () => {
  const emu = createEscPosEmulator({ send: () => undefined });
  emu.setFault('paperOut', true);
  emu.receive(concat([initialize(), line('Paldies', 'PC437'), cut('partial')]));
  assert.equal(emu.receipts.length, 0);
  emu.setFault('paperOut', false);
  assert.equal(emu.receipts.length, 1);
  assert.equal(emu.receipts[0]?.text, 'Paldies\n');
  assert.equal(emu.receipts[0]?.cut, 'partial');
});

test('a Hungarian receipt on 48 columns through PC852 with a logo and a Code128 barcode', () => {
  const huf = (a: string): Money => Money.of(a, 'HUF');
  const emu = createEscPosEmulator({ send: () => undefined, columns: 48 });
  const logo = { widthDots: 16, heightDots: 2, data: Uint8Array.of(0xff, 0xff, 0x81, 0x81) };
  emu.receive(
    layoutReceipt(
      {
        language: 'hu',
        header: ['Pékség', 'Fő utca 2.'],
        items: [{ name: 'Kenyér őrölt magvakkal', quantity: '1', price: huf('890.00'), sum: huf('890.00') }],
        vat: [{ rate: '27%', base: huf('700.79'), vat: huf('189.21') }],
        total: huf('890.00'),
        payments: [{ method: 'Kártya', amount: huf('890.00') }],
        footer: ['Köszönjük!'],
        logo,
        barcode: { system: 'CODE128', data: 'NY-000123' },
      },
      { columns: 48 },
    ),
  );
  const r = emu.receipts[0];
  assert.ok(r);
  assert.match(r.text, /^Kenyér őrölt magvakkal$/m);
  assert.match(r.text, /^ÖSSZESEN {30}890\.00 HUF$/m); // 8 + 30 + 10 = 48 columns
  assert.match(r.text, /\[CODE128 NY-000123\]/);
  assert.match(r.text, /\[IMAGE 16x2\]/);
  const line = r.lines.find((l) => l.kind === 'text' && l.segments[0]?.text.startsWith('Kenyér'));
  assert.ok(line?.kind === 'text');
  // "Kenyér ő": é = 0x82, ő = 0x8B in PC852
  assert.equal(Buffer.from(line.segments[0]?.bytes ?? []).toString('hex').slice(0, 16), '4b656e798272208b');
});
