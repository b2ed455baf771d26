// The scale's live reading while the weighing panel is open: the till asks the bridge every few hundred ms
// (GET /api/till/scale/reading) and also takes the bridge's socket.io `weight` events, whichever comes first.
import { useEffect, useState } from 'react';
import { io } from 'socket.io-client';
import { api } from '../api/till-api';
import { kgToGrams, gramsToKg, type ScaleReading } from './weighing';

const POLL_MS = 250;

export function useScale(enabled: boolean): ScaleReading | null {
  const [reading, setReading] = useState<ScaleReading | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    let timer = 0;
    const poll = async () => {
      const r = await api<ScaleReading>('GET', '/scale/reading').catch((): ScaleReading => ({ weight: null, stable: false, error: 'network' }));
      if (!live) return;
      setReading(r);
      timer = window.setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    const token = window.__KASA_BRIDGE__?.token;
    const socket = token ? io({ auth: { token }, query: { token }, transports: ['websocket'], reconnectionDelayMax: 10_000 }) : null;
    socket?.on('weight', (data: unknown) => {
      const d = data as { weight?: unknown; stable?: unknown } | null;
      const grams = typeof d?.weight === 'string' ? kgToGrams(d.weight) : null;
      if (live && grams !== null) setReading({ weight: gramsToKg(grams), stable: d!.stable !== false });
    });
    return () => {
      live = false;
      window.clearTimeout(timer);
      socket?.close();
    };
  }, [enabled]);
  return reading;
}
