// Emulators available in this build, by device kind; each runs the driver folder's emulator on a serial line.
import type { DeviceKind } from '../config/config';
import type { EmulatorFactory } from './host';
import { createEscPosEmulator } from '../drivers/printers';
import { createShtrihEmulator, type JournalEntry } from '../drivers/fiscal';
import { createCasEmulator, createMassaKEmulator, createToledo8217Emulator, scaleProtocols, type ScaleEmulator, type ScaleEmulatorOptions } from '../drivers/scales';
import { createScannerEmulator } from '../drivers/scanners';
import { createDisplayEmulator } from '../drivers/display';
import { createConcertEmulator } from '../drivers/payment';
import { createTsplEmulator, createZplEmulator, labelText } from '../drivers/labels';

function journalLine(e: JournalEntry): string {
  const total = e.payments ? ` paid ${e.payments.map((p) => `${Math.trunc(p / 100)}.${String(p % 100).padStart(2, '0')}`).join('/')}` : '';
  return `#${e.documentNumber} ${e.at.slice(0, 19).replace('T', ' ')} shift ${e.shiftNumber} ${e.type}${e.receiptNumber !== undefined ? ` receipt ${e.receiptNumber}` : ''}${e.lines ? ` ${e.lines.length} line(s)` : ''}${marked(e)}${total}`;
}

/** Marked units on a receipt as the register stored them (tag 1162): " KM 04601234567893/5Abc1d". */
function marked(e: JournalEntry): string {
  const codes = (e.lines ?? []).flatMap((l) => (l.productCode ? [`${l.productCode.gtin}/${l.productCode.serial}`] : []));
  return codes.length ? ` KM ${codes.join(' ')}` : '';
}

function scale(kind: DeviceKind, protocol: keyof typeof scaleProtocols, create: (o: ScaleEmulatorOptions) => ScaleEmulator): EmulatorFactory {
  const s = scaleProtocols[protocol].serial;
  return {
    kind,
    line: { baudRate: s.baudRate, dataBits: s.dataBits as 7 | 8, parity: s.parity as 'none' | 'even' },
    create(send, opts) {
      const emulator = create({ send, ...(opts.stateFile ? { stateFile: opts.stateFile } : {}) });
      if (opts.weight) emulator.setWeight(opts.weight);
      return { emulator, view: { setWeight: (kg) => emulator.setWeight(kg) } };
    },
  };
}

export const emulatorCatalog: Partial<Record<DeviceKind, EmulatorFactory>> = {
  escpos: {
    kind: 'escpos',
    line: { baudRate: 38400 },
    create(send, opts) {
      const emulator = createEscPosEmulator({ send, ...(opts.outDir ? { outDir: opts.outDir } : {}) });
      return { emulator, view: { receipts: () => emulator.receipts.slice(-10).reverse().map((r) => r.text) } };
    },
  },
  shtrih: {
    kind: 'shtrih',
    line: { baudRate: 115200 },
    create(send, opts) {
      const emulator = createShtrihEmulator({ send, ...(opts.stateFile ? { stateFile: opts.stateFile } : {}) });
      return { emulator, view: { journal: () => emulator.state.journal.slice(-50).map(journalLine) } };
    },
  },
  cas: scale('cas', 'cas', createCasEmulator),
  toledo8217: scale('toledo8217', 'toledo8217', createToledo8217Emulator),
  massak: scale('massak', 'massak', createMassaKEmulator),
  scanner: {
    kind: 'scanner',
    line: { baudRate: 9600 },
    create(send, opts) {
      const emulator = createScannerEmulator({ send, ...(opts.outDir ? { outDir: opts.outDir } : {}) });
      return { emulator, view: { scan: (code) => emulator.scan(code) } };
    },
  },
  zpl: {
    kind: 'zpl',
    line: { baudRate: 9600 },
    create(send, opts) {
      const emulator = createZplEmulator({ send, ...(opts.outDir ? { outDir: opts.outDir } : {}) });
      return { emulator, view: { labels: () => emulator.labels.slice(-10).reverse().map(labelText) } };
    },
  },
  tspl: {
    kind: 'tspl',
    line: { baudRate: 9600 },
    create(send, opts) {
      const emulator = createTsplEmulator({ send, ...(opts.outDir ? { outDir: opts.outDir } : {}) });
      return { emulator, view: { labels: () => emulator.labels.slice(-10).reverse().map(labelText) } };
    },
  },
  payment: {
    kind: 'payment',
    line: { baudRate: 9600, dataBits: 7, parity: 'even' },
    create(send, opts) {
      const emulator = createConcertEmulator({ send, ...(opts.stateFile ? { stateFile: opts.stateFile } : {}) });
      return { emulator, view: {} };
    },
  },
  display: {
    kind: 'display',
    line: { baudRate: 9600 },
    create(send, opts) {
      const emulator = createDisplayEmulator({ send, ...(opts.outDir ? { outDir: opts.outDir } : {}) });
      return { emulator, view: { display: () => [...emulator.lines] } };
    },
  },
};
