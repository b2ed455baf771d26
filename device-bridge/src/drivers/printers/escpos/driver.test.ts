// Driver against emulator over a real pseudo-terminal pair made by socat.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { SerialPort } from 'serialport';
import { Money } from '@kasa/domain';
import type { Transport, TransportStatus } from '../../../transports/transport';
import { EscPosPrinter } from './driver';
import { createEscPosEmulator } from './emulator';

function ptyPair(): Promise<{ a: string; b: string; proc: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const proc = spawn('socat', ['-d', '-d', 'pty,raw,echo=0', 'pty,raw,echo=0']);
    let err = '';
    proc.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      const paths = [...err.matchAll(/PTY is (\/dev\/pts\/\d+)/g)].map((m) => m[1] as string);
      if (paths.length === 2 && err.includes('starting data transfer loop')) resolve({ a: paths[0] as string, b: paths[1] as string, proc });
    });
    proc.on('error', reject);
  });
}

/** Minimal serial transport for this test; the bridge has its own in transports/. */
function serialTransport(path: string): Transport & { port: SerialPort } {
  const port = new SerialPort({ path, baudRate: 115200, autoOpen: false });
  return {
    kind: 'serial',
    port,
    open: () => new Promise<void>((res, rej) => port.open((e) => (e ? rej(e) : res()))),
    write: (bytes) => new Promise<void>((res, rej) => port.write(Buffer.from(bytes), (e) => (e ? rej(e) : port.drain(() => res())))),
    onData(listener) {
      const h = (d: Buffer): void => listener(new Uint8Array(d));
      port.on('data', h);
      return () => port.off('data', h);
    },
    close: () => new Promise<void>((res) => (port.isOpen ? port.close(() => res()) : res())),
    status: (): TransportStatus => ({ open: port.isOpen, address: `${path}@115200` }),
  };
}


test('driver prints a Russian receipt and reads status through a pty pair', { timeout: 20000 }, async () => {
  const { a, b, proc } = await ptyPair();
  const device = serialTransport(b);
  const host = serialTransport(a);
  const printer = new EscPosPrinter(host, { layout: { columns: 48 }, statusTimeoutMs: 500 });
  try {
    await device.open();
    const emu = createEscPosEmulator({ send: (bytes) => void device.write(bytes), columns: 48 });
    device.onData((chunk) => emu.receive(chunk));
    await printer.open();

    assert.equal((await printer.status()).paperOut, false);

    const printed = new Promise<void>((res) => {
      const t = setInterval(() => emu.receipts.length > 0 && (clearInterval(t), res()), 10);
    });
    await printer.printReceipt({
      language: 'ru',
      header: ['Пекарня'],
      items: [{ name: 'Хлеб Бородинский', quantity: '1', price: Money.of('65.00', 'RUB'), sum: Money.of('65.00', 'RUB') }],
      vat: [{ rate: '10%', base: Money.of('59.09', 'RUB'), vat: Money.of('5.91', 'RUB') }],
      total: Money.of('65.00', 'RUB'),
      payments: [{ method: 'Наличные', amount: Money.of('100.00', 'RUB') }],
      change: Money.of('35.00', 'RUB'),
      footer: ['Спасибо!'],
    });
    await printed;
    const text = emu.receipts[0]?.text ?? '';
    assert.match(text, /^Хлеб Бородинский$/m);
    assert.match(text, /^ИТОГ {35}65\.00 RUB$/m); // 48 - 4 ("ИТОГ") - 9 ("65.00 RUB") = 35 spaces
    assert.match(text, /^Сдача {38}35\.00$/m);
    const line = emu.receipts[0]?.lines.find((l) => l.kind === 'text' && l.segments[0]?.text === 'Хлеб Бородинский');
    assert.ok(line?.kind === 'text');
    assert.equal(Buffer.from(line.segments[0]?.bytes ?? []).toString('hex'), '95aba5a12081aee0aea4a8ade1aaa8a9');

    await printer.openDrawer();
    emu.setFault('coverOpen', true);
    await assert.rejects(printer.ensureReady(), /printer.cover_open/);
    emu.setFault('coverOpen', false);
    emu.setFault('paperOut', true);
    await assert.rejects(printer.ensureReady(), /printer.paper_out/);
    emu.setFault('noAnswer', true);
    await assert.rejects(printer.status(), /printer.no_answer/);
    assert.equal(emu.drawerKicks, 1);
  } finally {
    await printer.close();
    await device.close();
    proc.kill();
  }
});
