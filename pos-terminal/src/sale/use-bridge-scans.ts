// Serial and HID scanners report through the bridge, not the keyboard: the bridge pushes `scan` events over
// socket.io. Connected only on the sale screen and only when the page came from the bridge (it carries the token).
import { useEffect, useRef } from 'react';
import { io } from 'socket.io-client';

function codeOf(data: unknown): string | undefined {
  if (typeof data === 'string') return data;
  if (data && typeof data === 'object') {
    const d = data as { code?: unknown; barcode?: unknown };
    if (typeof d.code === 'string') return d.code;
    if (typeof d.barcode === 'string') return d.barcode;
  }
  return undefined;
}

export function useBridgeScans(onScan: (code: string) => void, enabled: boolean): void {
  const handler = useRef(onScan);
  handler.current = onScan;
  useEffect(() => {
    const token = window.__KASA_BRIDGE__?.token;
    if (!enabled || !token) return;
    const socket = io({ auth: { token }, query: { token }, transports: ['websocket'], reconnectionDelayMax: 10_000 });
    socket.on('scan', (data: unknown) => {
      const code = codeOf(data);
      if (code) handler.current(code);
    });
    return () => {
      socket.close();
    };
  }, [enabled]);
}
