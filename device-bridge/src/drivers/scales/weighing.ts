// What a scale tells the till, and the shape of one scale protocol described as data
// (after Odoo hw_drivers' ScaleProtocol records: serial settings, commands, timeouts).
import { DomainError } from '@kasa/domain';
import type { Decoder } from '../codec';

export type ScaleStatus = 'ok' | 'overload' | 'underload' | 'disconnected';

export interface WeightReading {
  status: ScaleStatus;
  /** Weight in grams; null when the scale gave no number (motion-only status, overload, no answer). */
  grams: number | null;
  stable: boolean;
  /** Net weight shown (a tare is active); only protocols that report it set it. */
  net?: boolean;
  zero?: boolean;
}

/** What a scale codec decodes from the device's bytes. */
export type ScaleEvent = { type: 'ack' } | { type: 'reading'; reading: WeightReading } | { type: 'error'; code: number };

export interface SerialSettings {
  baudRate: number;
  dataBits: 7 | 8;
  parity: 'none' | 'even' | 'odd';
  stopBits: 1 | 2;
}

/** One exchange of a dialogue: send bytes, then wait for an event of this type. */
export interface ScaleStep {
  send: Uint8Array;
  expect: ScaleEvent['type'] | 'nothing';
}

export interface ScaleProtocol {
  name: string;
  kind: 'cas' | 'toledo8217' | 'massak';
  serial: SerialSettings;
  /** How long to wait for each answer before calling the scale silent. */
  answerTimeoutMs: number;
  /** Pause after a command the scale does not answer (Odoo's commandDelay), so it has acted before the next. */
  commandDelayMs?: number;
  /** Measurement attempts before reporting `disconnected`. */
  retries: number;
  measure: ScaleStep[];
  zero?: ScaleStep[];
  /** Tare with the weight on the platform; protocols that take a tare value get it in grams. */
  tare?: (grams: number) => ScaleStep[];
  createDecoder(): Decoder<ScaleEvent>;
}

/** "1.235" / "-0.5" / " 12.0" kg → integer grams, exactly (no float). */
export function kgToGrams(kg: string): number {
  const m = /^\s*([+-]?)\s*(\d*)(?:[.,](\d*))?\s*$/.exec(kg);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) throw new DomainError('scale.invalid_weight', { kg });
  const frac = (m[3] ?? '').padEnd(3, '0');
  if (frac.length > 3 && /[1-9]/.test(frac.slice(3))) throw new DomainError('scale.invalid_weight', { kg });
  const grams = Number(m[2] || '0') * 1000 + Number(frac.slice(0, 3));
  return m[1] === '-' && grams !== 0 ? -grams : grams;
}

/** Integer grams → kg text with `decimals` places, no sign ("1.235"). */
export function gramsToKgText(grams: number, decimals = 3): string {
  const abs = Math.abs(grams);
  const whole = Math.floor(abs / 1000);
  const frac = String(abs % 1000).padStart(3, '0').slice(0, decimals);
  return decimals > 0 ? `${whole}.${frac}` : String(whole);
}
