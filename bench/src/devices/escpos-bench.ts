// ESC/POS receipt stream over a socat pty pair at 115200 8N1: the driver prints the bench receipt again and again,
// the emulator on the other end decodes it; bytes/s the emulator received against the line rate of 11,520 bytes/s.
// A pty copies bytes as fast as the kernel moves them and ignores the baud rate, so the ratio can exceed 100 %:
// it says the driver, serialport and the emulator's decoder keep up with (many times) a real line, not what a wire gives.
import { performance } from 'node:perf_hooks';
import { openPtyPair, type Transport } from '@kasa/device-bridge';
import { SerialTransport } from '../../../device-bridge/src/transports/serial';
import {
  EscPosPrinter,
  createEscPosEmulator,
  layoutReceipt,
  type PrintedReceipt,
} from '../../../device-bridge/src/drivers/printers/escpos';
import { BENCH_RECEIPT } from './receipt';
import { lineCharactersPerSecond, type LineSettings } from './line-rate';

export const RECEIPT_LINE: LineSettings = { baudRate: 115200, dataBits: 8, parity: 'none', stopBits: 1 };
const COLUMNS = 42;

export interface EscPosStreamResult {
  receipts: number;
  bytesPerReceipt: number;
  bytes: number;
  seconds: number;
  bytesPerSecond: number;
  lineBytesPerSecond: number;
  ratioPercent: number;
  /** Receipts the emulator cut whose text differs from the reference, and the first stream offset that differed. */
  damagedReceipts: number;
  firstBadOffset: number | null;
  /** Receipts the emulator cut (must equal `receipts`). */
  receivedReceipts: number;
}

export interface EscPosStreamOptions {
  /** Keep printing receipts until this much time has passed (at least one receipt). */
  seconds: number;
  /** Or stop after this many receipts, whichever comes first. */
  maxReceipts?: number;
  timeoutMs?: number;
}

const serialOn = (path: string): Transport => new SerialTransport({ type: 'serial', path, ...RECEIPT_LINE });

export async function runEscPosStreamBench(opts: EscPosStreamOptions): Promise<EscPosStreamResult> {
  const layout = { columns: COLUMNS } as const;
  const pattern = layoutReceipt(BENCH_RECEIPT, layout);
  // The reference: what the emulator prints from one receipt's bytes handed to it directly.
  const reference = createEscPosEmulator({ send: () => {}, columns: COLUMNS });
  reference.receive(pattern);
  const referenceText = reference.receipts[0]?.text;
  if (!referenceText) throw new Error('the bench receipt did not cut');

  const pty = await openPtyPair();
  const device = serialOn(pty.devicePath);
  const printer = new EscPosPrinter(serialOn(pty.hostPath), { layout });
  let received = 0;
  let firstBadOffset: number | null = null;
  let receivedReceipts = 0;
  let damagedReceipts = 0;
  let lastByteAt = 0;
  let expected = Infinity;
  let allArrived: () => void = () => {};
  const arrived = new Promise<void>((res) => (allArrived = res));
  try {
    await device.open();
    const emulator = createEscPosEmulator({
      send: (b) => void device.write(b),
      columns: COLUMNS,
      onReceipt: (r: PrintedReceipt) => {
        receivedReceipts++;
        if (r.text !== referenceText) damagedReceipts++;
      },
    });
    device.onData((chunk) => {
      // Byte-for-byte check against the repeated receipt, then the emulator decodes it.
      for (let i = 0; i < chunk.length; i++) {
        if (firstBadOffset === null && chunk[i] !== pattern[(received + i) % pattern.length])
          firstBadOffset = received + i;
      }
      received += chunk.length;
      emulator.receive(chunk);
      emulator.receipts.length = 0; // counted in onReceipt; a long run need not keep them
      lastByteAt = performance.now();
      if (received >= expected) allArrived();
    });
    await printer.open();

    const start = performance.now();
    const until = start + opts.seconds * 1000;
    let sent = 0;
    do {
      await printer.printReceipt(BENCH_RECEIPT);
      sent++;
    } while (performance.now() < until && sent < (opts.maxReceipts ?? Infinity));
    expected = sent * pattern.length;
    if (received >= expected) allArrived();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>(
      (res) => (timer = setTimeout(() => res('timeout'), opts.timeoutMs ?? 10_000)),
    );
    const outcome = await Promise.race([arrived, timedOut]);
    clearTimeout(timer);
    if (outcome === 'timeout') throw new Error(`the emulator received ${received} of ${expected} bytes`);

    const seconds = (lastByteAt - start) / 1000;
    const lineBytesPerSecond = lineCharactersPerSecond(RECEIPT_LINE);
    const bytesPerSecond = received / seconds;
    return {
      receipts: sent,
      bytesPerReceipt: pattern.length,
      bytes: received,
      seconds,
      bytesPerSecond,
      lineBytesPerSecond,
      ratioPercent: Math.round((bytesPerSecond / lineBytesPerSecond) * 100),
      damagedReceipts,
      firstBadOffset,
      receivedReceipts,
    };
  } finally {
    await printer.close().catch(() => undefined);
    await device.close().catch(() => undefined);
    await pty.close();
  }
}
