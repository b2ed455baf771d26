// Weighing at the till (issue 5): the scale shows the gross weight, the cashier picks a tare (a bag, a tray, or the
// container already on the scale), and only a steady positive net weight goes on the receipt. Whole grams, no floats.

/** Tares a cashier picks with one key: paper bag, plastic tray, box. */
export const TARE_PRESETS = ['0.005', '0.010', '0.020'] as const;

export interface ScaleReading {
  /** Gross weight in kg with 3 decimals ("1.234"; "-0.010" when the pan was zeroed under a container), null without a scale. */
  weight: string | null;
  stable: boolean;
  /** Why there is no weight (an error code of the bridge), when weight is null. */
  error?: string;
}

/** "1.234" → 1234 grams; "-0.01" → -10; null when it is not a weight in kg with up to 3 decimals. */
export function kgToGrams(kg: string): number | null {
  const m = /^(-?)(\d{1,4})(?:\.(\d{1,3}))?$/.exec(kg.trim());
  if (!m) return null;
  const grams = Number(m[2]) * 1000 + Number((m[3] ?? '').padEnd(3, '0'));
  return m[1] ? -grams : grams;
}

/** 1224 → "1.224"; -10 → "-0.010". */
export function gramsToKg(grams: number): string {
  const abs = Math.abs(grams);
  return `${grams < 0 ? '-' : ''}${Math.floor(abs / 1000)}.${String(abs % 1000).padStart(3, '0')}`;
}

export type WeighingState =
  | { ok: true; netGrams: number; net: string }
  | { ok: false; reason: 'noScale' | 'unstable' | 'notPositive'; netGrams: number | null; net: string | null };

/** Net = gross − tare; it may be taken only when the scale is steady and the net is above zero. */
export function weighing(reading: ScaleReading | null, tareGrams: number): WeighingState {
  const gross = reading?.weight != null ? kgToGrams(reading.weight) : null;
  if (gross === null) return { ok: false, reason: 'noScale', netGrams: null, net: null };
  const netGrams = gross - tareGrams;
  const net = gramsToKg(netGrams);
  if (!reading!.stable) return { ok: false, reason: 'unstable', netGrams, net };
  if (netGrams <= 0) return { ok: false, reason: 'notPositive', netGrams, net };
  return { ok: true, netGrams, net };
}
