// Scanner emulator: given a code, sends the bytes a real scanner would (serial line, HID POS or keyboard reports).

import type { DeviceEmulator } from '../codec';
import { encodeHidPosReport, encodeKeyboardReports } from './hid';
import { encodeSerialScan, type Terminator } from './serial';
import { aimFor, guessSymbology, type Symbology } from './symbology';

export interface ScannerEmulatorOptions {
  send: (bytes: Uint8Array) => void;
  outDir?: string;
  mode?: 'serial' | 'hid-pos' | 'hid-keyboard';
  terminator?: Terminator;
  /** Prefix scans with their AIM identifier. */
  aim?: boolean;
}

export interface ScannerEmulator extends DeviceEmulator {
  scan(code: string, symbology?: Symbology): void;
}

export function createScannerEmulator(opts: ScannerEmulatorOptions): ScannerEmulator {
  return {
    kind: 'scanner',
    receive(): void {
      // scanners ignore the host (no trigger commands emulated)
    },
    scan(code: string, symbology?: Symbology): void {
      const sym = symbology ?? guessSymbology(code);
      const mode = opts.mode ?? 'serial';
      if (mode === 'serial') opts.send(encodeSerialScan(code, { terminator: opts.terminator ?? 'CR', symbology: sym, aim: opts.aim ?? false }));
      else if (mode === 'hid-pos') opts.send(encodeHidPosReport((opts.aim ? (aimFor(sym) ?? '') : '') + code));
      else encodeKeyboardReports(code).forEach((r) => opts.send(r));
    },
  };
}
