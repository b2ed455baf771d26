import { test } from 'node:test';
import assert from 'node:assert/strict';
import { align, barcode, bold, characterSize, cut, drawerKick, initialize, qrCode, rasterImage, selectCodePage, statusRequest, text } from './encoder';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

test('simple commands are the bytes of the manual', () => {
  assert.equal(hex(initialize()), '1b40');
  assert.equal(hex(selectCodePage('PC866')), '1b7411');
  assert.equal(hex(selectCodePage('PC852')), '1b7412');
  assert.equal(hex(selectCodePage('WPC1257')), '1b7419');
  assert.equal(hex(bold(true)), '1b4501');
  assert.equal(hex(characterSize(2, 2)), '1d2111');
  assert.equal(hex(characterSize(1, 2)), '1d2101');
  assert.equal(hex(align('center')), '1b6101');
  assert.equal(hex(cut('full')), '1d5600');
  assert.equal(hex(cut('partial')), '1d5601');
  assert.equal(hex(cut('partial', 48)), '1d564230');
  assert.equal(hex(drawerKick(2, 100, 200)), '1b70003264');
  assert.equal(hex(statusRequest('printer')), '100401');
  assert.equal(hex(statusRequest('paper')), '100404');
});

test('Latvian text through WPC1257 and Russian through PC866', () => {
  // R ī g a s ... : ī is 0xEE in Windows-1257
  assert.equal(hex(text('Rīgas maize 1 gab.', 'WPC1257')), '52ee676173206d61697a652031206761622e');
  // Х=95 л=AB е=A5 б=A1, Б=81 о=AE р=E0 о=AE д=A4 и=A8 н=AD с=E1 к=AA и=A8 й=A9
  assert.equal(hex(text('Хлеб Бородинский', 'PC866')), '95aba5a12081aee0aea4a8ade1aaa8a9');
  // Czech ř = 0xFD, Hungarian ő = 0x8B in PC852
  assert.equal(hex(text('řő', 'PC852')), 'fd8b');
});

test('EAN-13 and Code128 with GS k function B', () => {
  assert.equal(hex(barcode('EAN-13', '4006381333931', { height: 80, moduleWidth: 2 })), '1d6850' + '1d7702' + '1d4802' + '1d6b430d' + Buffer.from('4006381333931').toString('hex'));
  // code set B prefix "{B", n = 2 + 4
  assert.equal(hex(barcode('CODE128', 'AB12')), '1d6850' + '1d7702' + '1d4802' + '1d6b4906' + '7b42' + '41423132');
  assert.throws(() => barcode('EAN-13', '12AB'), /escpos.barcode_invalid/);
});

test('QR code: model 2, size, level, store with pL pH = k+3, print', () => {
  assert.equal(
    hex(qrCode('AB', { size: 6, errorLevel: 'M' })),
    '1d286b0400314132' + '00' + '1d286b03003143' + '06' + '1d286b03003145' + '31' + '1d286b0500315030' + '4142' + '1d286b0300315130',
  );
});

test('raster image GS v 0 carries bytes per row and rows', () => {
  const img = { widthDots: 16, heightDots: 2, data: Uint8Array.of(0xff, 0x00, 0x0f, 0xf0) };
  assert.equal(hex(rasterImage(img)), '1d763000' + '0200' + '0200' + 'ff000ff0');
});
