// The "Devices" section of `npm run -s bench`: the ESC/POS receipt stream and scale reads over socat pty pairs,
// each as a ratio of what the protocol's real serial line would allow.
import { runEscPosStreamBench, RECEIPT_LINE } from './escpos-bench';
import { runScaleReadsBench, SCALE_CASES } from './scale-bench';
import { BENCH_RECEIPT_TEXT_LINES } from './receipt';

export { runEscPosStreamBench, type EscPosStreamResult } from './escpos-bench';
export { runScaleReadsBench, SCALE_CASES, type ScaleReadsResult } from './scale-bench';

const n = (x: number) => Math.round(x).toLocaleString('en');

/** Runs the device benches (about `seconds` each) and prints them; throws if a receipt or a weight came through wrong. */
export async function printDevicesBench(opts: { seconds?: number } = {}): Promise<void> {
  const seconds = opts.seconds ?? 2;
  console.log('Devices (driver ↔ emulator over socat pty pairs, serialport on both ends):');

  const e = await runEscPosStreamBench({ seconds });
  if (e.damagedReceipts || e.firstBadOffset !== null || e.receivedReceipts !== e.receipts) {
    throw new Error(
      `ESC/POS stream damaged: ${e.damagedReceipts} receipts differ, first bad byte at ${e.firstBadOffset}, ${e.receivedReceipts}/${e.receipts} cut`,
    );
  }
  console.log(
    `ESC/POS over a ${RECEIPT_LINE.baudRate}-baud pty: ${e.ratioPercent} % of the line rate (${n(e.bytesPerSecond)} bytes/s)`,
  );
  console.log(
    `  line rate ${n(e.lineBytesPerSecond)} bytes/s (${RECEIPT_LINE.baudRate} baud 8N1, 10 bits a byte); ${e.receipts.toLocaleString('en')} receipts of ` +
      `${BENCH_RECEIPT_TEXT_LINES} lines + QR + Code128 + cut (${n(e.bytesPerReceipt)} bytes each) in ${e.seconds.toFixed(2)} s, every receipt intact`,
  );
  console.log(
    '  a pty does not throttle to its baud rate: above 100 % means driver + serialport + emulator decoder outrun a real',
  );
  console.log(
    `  115200 line, i.e. on a real printer the wire (${n(e.lineBytesPerSecond / e.bytesPerReceipt)} receipts/s at most) is the limit, not the bridge`,
  );

  console.log(
    "Scale reads per second vs the protocol limit (request + answer bytes at the protocol's baud rate; pty not throttled):",
  );
  for (const c of SCALE_CASES) {
    const r = await runScaleReadsBench(c, { seconds: Math.max(0.5, seconds / 2) });
    if (r.wrongReadings)
      throw new Error(`${r.label}: ${r.wrongReadings} of ${r.reads} readings wrong, first ${r.firstWrong}`);
    console.log(
      `  ${r.label.padEnd(12)} ${r.ratioPercent.toString().padStart(6)} % of the protocol limit (${n(r.readsPerSecond)} reads/s; limit ${r.protocolMaxReadsPerSecond.toFixed(1)} reads/s = ` +
        `${r.roundTripBytes} bytes a reading at ${r.serial}; ${r.reads.toLocaleString('en')} reads, all 1.235 kg stable)`,
    );
  }
}
