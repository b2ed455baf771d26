// Driver adapters by device kind: how the REST commands reach each driver. A kind appears once its driver exists.
import { DomainError, Money, type CurrencyCode } from '@kasa/domain';
import type { DeviceKind } from '../config/config';
import type { AdapterFactory, DeviceAdapter } from './devices';
import * as escpos from '../drivers/printers';
import { ShtrihFiscal, productCodeTlv, type ReceiptClose, type ReceiptLine } from '../drivers/fiscal';
import { ScaleDriver, scaleProtocols } from '../drivers/scales';
import { BarcodeScanner, DEFAULT_HID_POS_LAYOUT, type ScannerMode } from '../drivers/scanners';
import { LABEL_TEMPLATES, ZplPrinter, TsplPrinter, type LabelItem } from '../drivers/labels';
import { CustomerDisplay, DISPLAY_PROTOCOLS, type DisplayCodePage } from '../drivers/display';
import { registerLine, sendsMarkingCodes, taxTable, type TillFiscalLine } from './fiscal-lines';
import { ConcertTerminal, type Currency, type PaymentRequest } from '../drivers/payment';

type Line = string | { text: string; align?: 'left' | 'center' | 'right'; bold?: boolean; size?: 'normal' | 'double' };
interface LinesReceipt { lines: Line[]; cut?: boolean; openDrawer?: boolean; qr?: string; barcode?: { type: string; data: string } }

/** "12.50" → 1250, exactly (no float arithmetic on money). */
export function amountToMinor(amount: string): number {
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(amount);
  if (!m) throw new DomainError('request.invalid', { cause: `amount ${amount}` }, 400);
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** Grams → "1.234" kg. */
export function gramsToKg(grams: number): string {
  const sign = grams < 0 ? '-' : '';
  const g = Math.abs(Math.round(grams));
  return `${sign}${Math.trunc(g / 1000)}.${String(g % 1000).padStart(3, '0')}`;
}

const escposAdapter: AdapterFactory = async (device, transport) => {
  const o = device.options ?? {};
  const codePage = (o.codePage as escpos.CodePage | undefined) ?? escpos.LANGUAGE_CODE_PAGE[(o.language as escpos.ReceiptLanguage) ?? 'en'] ?? 'PC437';
  const columns = (o.columns as 42 | 48 | undefined) ?? 42;
  const printer = new escpos.EscPosPrinter(transport, { layout: { columns, codePage }, statusTimeoutMs: (o.statusTimeoutMs as number | undefined) ?? 1000 });
  await printer.open();
  const checkStatus = o.checkStatus !== false;
  return {
    async printReceipt(r: unknown) {
      const receipt = r as LinesReceipt;
      if (checkStatus) await printer.ensureReady();
      const parts: Uint8Array[] = [escpos.initialize(), escpos.selectCodePage(codePage)];
      for (const l of receipt.lines) {
        const line = typeof l === 'string' ? { text: l } : l;
        parts.push(escpos.align(line.align ?? 'left'), escpos.bold(!!line.bold), escpos.characterSize(line.size === 'double' ? 2 : 1, line.size === 'double' ? 2 : 1));
        parts.push(escpos.line(line.text, codePage));
      }
      parts.push(escpos.align('left'), escpos.bold(false), escpos.characterSize(1, 1));
      if (receipt.barcode) parts.push(escpos.align('center'), escpos.barcode(receipt.barcode.type as escpos.BarcodeSystem, receipt.barcode.data), escpos.align('left'));
      if (receipt.qr) parts.push(escpos.align('center'), escpos.qrCode(receipt.qr), escpos.align('left'));
      if (receipt.cut !== false) parts.push(escpos.cut('partial', 48));
      if (receipt.openDrawer) parts.push(escpos.drawerKick(2));
      await printer.write(escpos.concat(parts));
      return { printed: true, lines: receipt.lines.length };
    },
    async openDrawer() {
      await printer.openDrawer(2);
      return { opened: true };
    },
    close: () => printer.close(),
  };
};

interface FiscalReceiptBody { type?: 'sale' | 'return'; lines: (ReceiptLine & TillFiscalLine)[]; payments: ReceiptClose['payments']; discountBasisPoints?: number; text?: string }

const shtrihAdapter: AdapterFactory = (device, transport) => {
  const o = device.options ?? {};
  // VAT rate → the register's tax group: options.taxGroups, else the default table of options.country (LV).
  const taxes = taxTable(o);
  // Marking codes go to the register as FFD tag 1162 where the law wants them (options.markingCodes, else RU).
  const markingCodes = sendsMarkingCodes(o);
  const kkt = new ShtrihFiscal(transport, {
    ...(typeof o.operatorPassword === 'number' ? { operatorPassword: o.operatorPassword } : {}),
    ...(typeof o.adminPassword === 'number' ? { adminPassword: o.adminPassword } : {}),
    ...(typeof o.sysAdminPassword === 'number' ? { sysAdminPassword: o.sysAdminPassword } : {}),
  });
  const adapter: DeviceAdapter = {
    async fiscal(op, payload) {
      const p = payload as { amount?: string; receipt?: FiscalReceiptBody };
      switch (op) {
        case 'open-shift':
          await kkt.openShift();
          break;
        case 'x-report':
          await kkt.xReport();
          break;
        case 'z-report':
          await kkt.zReport();
          break;
        case 'cancel':
          await kkt.cancelReceipt();
          break;
        case 'cash-in':
          return kkt.cashIn(amountToMinor(p.amount ?? ''));
        case 'cash-out':
          return kkt.cashOut(amountToMinor(p.amount ?? ''));
        case 'receipt': {
          const r = p.receipt!;
          if (!Array.isArray(r.lines) || !r.lines.length || !r.payments) throw new DomainError('request.invalid', { cause: 'receipt needs lines and payments' }, 400);
          // Checked before anything reaches the register, so an unmapped rate leaves no half-made receipt.
          const lines: ReceiptLine[] = r.lines.map((l) => {
            const { markingCode, ...line } = registerLine(l, taxes);
            if (!markingCodes || !markingCode) return line;
            productCodeTlv(markingCode); // a code the tag cannot carry is refused before the receipt opens
            return { ...line, markingCode };
          });
          // A receipt left open (the bridge died mid-receipt) is cancelled first; it was never fiscalised.
          if ((await kkt.status()).mode === 'receipt_open') await kkt.cancelReceipt();
          try {
            for (const line of lines) await (r.type === 'return' ? kkt.returnSale(line) : kkt.sale(line));
            const closed = await kkt.closeReceipt({ payments: r.payments, ...(r.discountBasisPoints ? { discountBasisPoints: r.discountBasisPoints } : {}), ...(r.text ? { text: r.text } : {}) });
            return { ...closed, documentNumber: (await kkt.lastDocument()).documentNumber };
          } catch (e) {
            // Leave the register clean for the retry: an open, unfinished receipt is cancelled.
            await kkt.cancelReceipt().catch(() => {});
            throw e;
          }
        }
        default:
          throw new DomainError('request.invalid', { cause: `fiscal operation ${op}` }, 400);
      }
      return { documentNumber: (await kkt.lastDocument()).documentNumber };
    },
    lastDocumentNumber: async () => (await kkt.lastDocument()).documentNumber,
    fiscalStatus: () => kkt.status(),
  };
  return adapter;
};

const scaleAdapter =
  (protocol: keyof typeof scaleProtocols): AdapterFactory =>
  (_device, transport) => {
    const scale = new ScaleDriver(transport, scaleProtocols[protocol]);
    return {
      async readWeight() {
        const r = await scale.readWeight();
        if (r.grams === null) throw new DomainError(`scale.${r.status}`, { status: r.status }, 502);
        return { weight: gramsToKg(r.grams), unit: 'kg' as const, stable: r.stable };
      },
      close: async () => scale.dispose(),
    };
  };

/** A scanner on HID speaks HID-POS by default (or keyboard reports with `options.mode: "hid-keyboard"`); else serial lines. */
export function scannerMode(device: { transport: { type: string }; options?: Record<string, unknown> }): ScannerMode {
  const o = device.options ?? {};
  if (device.transport.type !== 'hid') return { kind: 'serial' };
  if (o.mode === 'hid-keyboard') return { kind: 'hid-keyboard' };
  const reportId = o.reportId === null ? null : typeof o.reportId === 'number' ? o.reportId : DEFAULT_HID_POS_LAYOUT.reportId;
  return { kind: 'hid-pos', layout: { reportId } };
}

const scannerAdapter: AdapterFactory = async (device, transport) => {
  const scanner = new BarcodeScanner(transport, scannerMode(device));
  await scanner.open();
  return {
    subscribe: (emit) => scanner.onScan((s) => emit('scan', { code: s.code, symbology: s.symbology })),
  };
};

const displayAdapter: AdapterFactory = async (device, transport) => {
  const o = device.options ?? {};
  const protocol = DISPLAY_PROTOCOLS[(o.protocol as keyof typeof DISPLAY_PROTOCOLS) ?? 'epson'] ?? DISPLAY_PROTOCOLS.epson;
  const display = new CustomerDisplay(transport, protocol, (o.codePage as DisplayCodePage) ?? 'PC437');
  await display.open();
  return {
    async display(content: unknown) {
      const lines = (content as { lines: string[] }).lines;
      await display.show(lines[0] ?? '', lines[1] ?? '');
      return { shown: true };
    },
    close: () => display.close(),
  };
};

interface LabelRequest { template?: string; fields: Record<string, string | number>; copies?: number }

/** REST label fields → the label driver's item: prices are decimal strings ("1.19"), never floats. */
function labelItem(fields: Record<string, string | number>, defaultCurrency: string): LabelItem {
  const cur = String(fields.currency ?? defaultCurrency) as CurrencyCode;
  if (fields.name === undefined || fields.price === undefined || fields.barcode === undefined) {
    throw new DomainError('request.invalid', { cause: 'label fields need name, price and barcode' }, 400);
  }
  return {
    name: String(fields.name),
    price: Money.of(String(fields.price), cur),
    barcode: String(fields.barcode),
    ...(fields.unitPrice !== undefined ? { unitPrice: { price: Money.of(String(fields.unitPrice), cur), unit: String(fields.unit ?? 'kg') } } : {}),
  };
}

const labelAdapter =
  (make: (t: Parameters<AdapterFactory>[1]) => ZplPrinter | TsplPrinter): AdapterFactory =>
  async (device, transport) => {
    const printer = make(transport);
    await printer.open();
    const currency = String(device.options?.currency ?? 'EUR');
    return {
      async printLabels(labels: unknown) {
        let printed = 0;
        for (const l of labels as LabelRequest[]) {
          const template = LABEL_TEMPLATES[l.template ?? 'price-tag'];
          if (!template) throw new DomainError('request.invalid', { cause: `label template ${l.template}` }, 400);
          await printer.printLabel(template, labelItem(l.fields, currency), l.copies ?? 1);
          printed += l.copies ?? 1;
        }
        return { printed };
      },
      close: () => printer.close(),
    };
  };

/**
 * Ingenico Concert card terminal. An approval is the job's result (approval code, masked card, RRN); a decline fails
 * the job with payment.declined so the cashier sees it and takes another card or cash under a new key.
 */
const paymentAdapter: AdapterFactory = (device, transport) => {
  const o = device.options ?? {};
  const terminal = new ConcertTerminal(transport, {
    ...(typeof o.pos === 'string' ? { pos: o.pos } : {}),
    ...(typeof o.answerTimeoutMs === 'number' ? { answerTimeoutMs: o.answerTimeoutMs } : {}),
    ...(typeof o.linkTimeoutMs === 'number' ? { linkTimeoutMs: o.linkTimeoutMs } : {}),
  });
  return {
    async payment(operation, payload) {
      const p = payload as { amountMinor: number; currency: Currency; reference?: string };
      const request: PaymentRequest = { amountMinor: p.amountMinor, currency: p.currency, ...(p.reference ? { reference: p.reference } : {}) };
      const run = operation === 'purchase' ? terminal.purchase : operation === 'refund' ? terminal.refund : operation === 'cancel' ? terminal.cancel : undefined;
      if (!run) throw new DomainError('request.invalid', { cause: `payment operation ${operation}` }, 400);
      const result = await run.call(terminal, request);
      if (result.outcome !== 'approved') throw new DomainError('payment.declined', { terminalStatus: result.terminalStatus }, 402);
      return result;
    },
    close: async () => terminal.dispose(),
  };
};

export const adapterFactories: Partial<Record<DeviceKind, AdapterFactory>> = {
  escpos: escposAdapter,
  shtrih: shtrihAdapter,
  cas: scaleAdapter('cas'),
  toledo8217: scaleAdapter('toledo8217'),
  massak: scaleAdapter('massak'),
  scanner: scannerAdapter,
  display: displayAdapter,
  zpl: labelAdapter((t) => new ZplPrinter(t)),
  tspl: labelAdapter((t) => new TsplPrinter(t)),
  payment: paymentAdapter,
};
