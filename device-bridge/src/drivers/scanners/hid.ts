// USB HID scanners: HID POS barcode scanner reports (usage page 0x8C) and keyboard-mode boot reports.

import type { Decoder } from '../codec';
import { parseScan, type Scan } from './symbology';

/**
 * HID POS scanned-data report as our scanners send it: [report ID] [length n] [n data bytes] [padding].
 * The data may start with an AIM identifier. Layout as data, since vendors differ in the report ID.
 */
export interface HidPosLayout {
  /** null when the device uses no report IDs. */
  reportId: number | null;
}

export const HID_POS_USAGE_PAGE = 0x8c;
export const DEFAULT_HID_POS_LAYOUT: HidPosLayout = { reportId: 0x02 };

export function decodeHidPosReport(report: Uint8Array, layout: HidPosLayout = DEFAULT_HID_POS_LAYOUT): Scan | null {
  let i = 0;
  if (layout.reportId !== null) {
    if (report[0] !== layout.reportId) return null;
    i = 1;
  }
  const n = report[i];
  if (n === undefined || n === 0 || i + 1 + n > report.length) return null;
  return parseScan(new TextDecoder('latin1').decode(report.slice(i + 1, i + 1 + n)));
}

export function encodeHidPosReport(text: string, layout: HidPosLayout = DEFAULT_HID_POS_LAYOUT, size = 64): Uint8Array {
  const data = Buffer.from(text, 'latin1');
  const head = layout.reportId === null ? [] : [layout.reportId];
  const out = new Uint8Array(Math.max(size, head.length + 1 + data.length));
  out.set([...head, data.length, ...data]);
  return out;
}

// Keyboard usage IDs (HID Usage Tables, page 0x07) → characters, US layout, without and with Shift.
const KEYS: Record<number, [string, string]> = {};
for (let k = 0x04; k <= 0x1d; k++) {
  const c = String.fromCharCode(0x61 + k - 0x04);
  KEYS[k] = [c, c.toUpperCase()];
}
'1234567890'.split('').forEach((d, i) => (KEYS[0x1e + i] = [d, '!@#$%^&*()'[i] as string]));
Object.assign(KEYS, {
  0x2c: [' ', ' '], 0x2d: ['-', '_'], 0x2e: ['=', '+'], 0x2f: ['[', '{'], 0x30: [']', '}'], 0x31: ['\\', '|'],
  0x33: [';', ':'], 0x34: ["'", '"'], 0x35: ['`', '~'], 0x36: [',', '<'], 0x37: ['.', '>'], 0x38: ['/', '?'],
  0x54: ['/', '/'], 0x55: ['*', '*'], 0x56: ['-', '-'], 0x57: ['+', '+'], 0x62: ['0', '0'], 0x63: ['.', '.'],
});
for (let k = 0x59; k <= 0x61; k++) KEYS[k] = [String(k - 0x58), String(k - 0x58)];
const ENTER = [0x28, 0x58];
const SHIFT = 0x22; // left (0x02) or right (0x20) Shift in the modifier byte

/** Keyboard boot reports [modifiers, reserved, k1..k6] → scans, one per Enter. */
export class HidKeyboardScanDecoder implements Decoder<Scan> {
  private pressed = new Set<number>();
  private text = '';

  push(report: Uint8Array): Scan[] {
    const out: Scan[] = [];
    const mods = report[0] ?? 0;
    const now = new Set(Array.from(report.slice(2, 8)).filter((k) => k > 3));
    for (const k of now) {
      if (this.pressed.has(k)) continue; // still held from the previous report
      if (ENTER.includes(k)) {
        if (this.text) out.push(parseScan(this.text));
        this.text = '';
      } else {
        const c = KEYS[k];
        if (c) this.text += mods & SHIFT ? c[1] : c[0];
      }
    }
    this.pressed = now;
    return out;
  }

  reset(): void {
    this.pressed.clear();
    this.text = '';
  }
}

/** The reports a keyboard-mode scanner sends: each key pressed then released, Enter at the end. */
export function encodeKeyboardReports(code: string): Uint8Array[] {
  const reports: Uint8Array[] = [];
  const release = new Uint8Array(8);
  for (const ch of code) {
    const entry = Object.entries(KEYS).find(([, v]) => v[0] === ch) ?? Object.entries(KEYS).find(([, v]) => v[1] === ch);
    if (!entry) continue;
    const shift = entry[1][0] !== ch;
    reports.push(Uint8Array.of(shift ? 0x02 : 0, 0, Number(entry[0]), 0, 0, 0, 0, 0), release);
  }
  reports.push(Uint8Array.of(0, 0, 0x28, 0, 0, 0, 0, 0), release);
  return reports;
}
