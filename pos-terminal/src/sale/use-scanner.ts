// Keyboard-wedge scanners type the code as a fast burst of keys ending in Enter. When no text field has
// focus, such bursts are caught here; a person typing is slower than the gap and is ignored.
import { useEffect, useRef } from 'react';

const MAX_GAP_MS = 50;
const MIN_LENGTH = 3;

export function useScanner(onScan: (code: string) => void, enabled: boolean): void {
  const buffer = useRef('');
  const last = useRef(0);
  const handler = useRef(onScan);
  handler.current = onScan;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT')) return;
      // When the key arrived, not when this handler got to it: a busy page (a render, a page of the barcode index
      // being read) must not stretch a scanner's burst into what looks like a person typing.
      const now = e.timeStamp;
      if (now - last.current > MAX_GAP_MS) buffer.current = '';
      last.current = now;
      if (e.key === 'Enter') {
        if (buffer.current.length >= MIN_LENGTH) {
          e.preventDefault();
          handler.current(buffer.current);
        }
        buffer.current = '';
      } else if (e.key.length === 1 && !e.ctrlKey && !e.altKey && !e.metaKey) {
        buffer.current += e.key;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
