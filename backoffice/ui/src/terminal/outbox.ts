// The one outbox of this handheld, and a hook that shows its queue length and whether the server is reachable.
import { useEffect, useState } from 'react';
import { Outbox, httpSender } from './queue';

let shared: Outbox | null = null;
let lang = 'en';

export function setOutboxLanguage(l: string): void {
  lang = l;
}

export function outbox(): Outbox {
  shared ??= new Outbox(localStorage, httpSender(() => lang));
  return shared;
}

export function useOutbox(): { queued: number; online: boolean; rejected: number } {
  const box = outbox();
  const read = () => ({ queued: box.pending().length, online: box.online, rejected: box.rejected().length });
  const [state, setState] = useState(read);
  useEffect(() => {
    const update = () => setState(read());
    const unsubscribe = box.subscribe(update);
    const retry = () => void box.flush();
    window.addEventListener('online', retry);
    const timer = setInterval(retry, 5000);
    retry();
    return () => {
      unsubscribe();
      window.removeEventListener('online', retry);
      clearInterval(timer);
    };
  }, [box]);
  return state;
}
