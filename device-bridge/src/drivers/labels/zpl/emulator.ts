// ZPL printer emulator: parses formats back and writes each as label-<n>.txt and .png.

import type { DeviceEmulator } from '../../codec';
import type { LabelLayout } from '../layout';
import { writeLabel } from '../picture';
import { ZplDecoder } from './codec';

export interface LabelEmulatorOptions {
  send: (bytes: Uint8Array) => void;
  outDir?: string;
  dpi?: number;
  onLabel?: (l: LabelLayout, n: number) => void;
}

export interface LabelEmulator extends DeviceEmulator {
  readonly labels: LabelLayout[];
}

export function createZplEmulator(opts: LabelEmulatorOptions): LabelEmulator {
  const decoder = new ZplDecoder(opts.dpi ?? 203);
  const labels: LabelLayout[] = [];
  return {
    kind: 'zpl',
    labels,
    receive(chunk: Uint8Array): void {
      for (const l of decoder.push(chunk)) {
        labels.push(l);
        if (opts.outDir) writeLabel(opts.outDir, labels.length, l);
        opts.onLabel?.(l, labels.length);
      }
    },
  };
}
