// Serial scanner codec: each scan is a line ended by CR, LF or CR LF, optionally prefixed with an AIM identifier.

import type { Decoder } from '../codec';
import { aimFor, parseScan, type Scan, type Symbology } from './symbology';

/** Bytes kept in a scan: printable ASCII and GS (0x1D), the GS1 group separator. Other control bytes are noise. */
const keep = (b: number): boolean => (b >= 0x20 && b !== 0x7f) || b === 0x1d;

export class SerialScanDecoder implements Decoder<Scan> {
  private line: number[] = [];
  private readonly maxLength: number;

  constructor(opts: { maxLength?: number } = {}) {
    this.maxLength = opts.maxLength ?? 4096;
  }

  push(chunk: Uint8Array): Scan[] {
    const out: Scan[] = [];
    for (const b of chunk) {
      if (b === 0x0d || b === 0x0a) {
        // CR LF gives an empty line after CR: skipped
        if (this.line.length) out.push(parseScan(new TextDecoder('latin1').decode(Uint8Array.from(this.line))));
        this.line = [];
      } else if (keep(b)) {
        if (this.line.length >= this.maxLength) this.line = [];
        this.line.push(b);
      }
    }
    return out;
  }

  reset(): void {
    this.line = [];
  }
}

export type Terminator = 'CR' | 'LF' | 'CRLF';
const TERMINATOR_BYTES: Record<Terminator, number[]> = { CR: [0x0d], LF: [0x0a], CRLF: [0x0d, 0x0a] };

/** The bytes a serial scanner sends for one scan. */
export function encodeSerialScan(code: string, opts: { terminator?: Terminator; symbology?: Symbology; aim?: boolean } = {}): Uint8Array {
  const prefix = opts.aim && opts.symbology ? (aimFor(opts.symbology) ?? '') : '';
  return Uint8Array.from([...Buffer.from(prefix + code, 'latin1'), ...TERMINATOR_BYTES[opts.terminator ?? 'CR']]);
}
