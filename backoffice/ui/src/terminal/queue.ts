// The handheld's outbox: every scan becomes an entry with its own idempotency key, kept in localStorage until the
// server has acknowledged it, so a Wi-Fi drop between the aisles loses nothing and a retry never counts twice.
export interface QueuedEntry {
  /** Sent as the Idempotency-Key header; the server applies an entry with a given key once. */
  key: string;
  path: string;
  body: unknown;
  createdAt: string;
  attempts: number;
}

export interface RejectedEntry extends QueuedEntry {
  message: string;
}

/** An entry the server took, with its answer, so a screen can show what came of it ("posted No. …"). */
export interface DeliveredEntry {
  key: string;
  path: string;
  response?: unknown;
  at: string;
}

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** What sending one entry did: accepted (2xx, or a duplicate), rejected by the server for good (4xx), or not delivered. */
export type SendResult = { kind: 'accepted'; response?: unknown } | { kind: 'rejected'; message: string } | { kind: 'unreachable' };
export type Sender = (entry: QueuedEntry) => Promise<SendResult>;

const queueKey = 'kasa.terminal.queue';
const rejectedKey = 'kasa.terminal.rejected';
const deliveredKey = 'kasa.terminal.delivered';
/** Answers kept for screens to read back; older ones are dropped. */
const DELIVERED_KEPT = 30;

export function newKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(16)}-${Math.random().toString(16).slice(2)}`;
}

export class Outbox {
  private flushing: Promise<void> | null = null;
  private listeners = new Set<() => void>();
  /** False after a send could not reach the server; true again after the next delivery. */
  online = true;

  constructor(
    private readonly store: KeyValueStore,
    private readonly send: Sender,
  ) {}

  private read<T>(key: string): T[] {
    try {
      const v = JSON.parse(this.store.getItem(key) ?? '[]') as unknown;
      return Array.isArray(v) ? (v as T[]) : [];
    } catch {
      return [];
    }
  }

  pending(): QueuedEntry[] {
    return this.read<QueuedEntry>(queueKey);
  }

  rejected(): RejectedEntry[] {
    return this.read<RejectedEntry>(rejectedKey);
  }

  /** The server's answer to the entry with this key, once it was accepted. */
  delivered(key: string): DeliveredEntry | undefined {
    return this.read<DeliveredEntry>(deliveredKey).find((e) => e.key === key);
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    this.listeners.forEach((l) => l());
  }

  /** Queue an entry (written to storage before any network attempt) and try to deliver it. */
  enqueue(path: string, body: unknown, key = newKey(), now = new Date()): QueuedEntry {
    const entry: QueuedEntry = { key, path, body, createdAt: now.toISOString(), attempts: 0 };
    this.store.setItem(queueKey, JSON.stringify([...this.pending(), entry]));
    this.changed();
    void this.flush();
    return entry;
  }

  /** Deliver queued entries in order; stops at the first that cannot reach the server and keeps it for later. */
  flush(): Promise<void> {
    if (!this.flushing) {
      this.flushing = this.drain().finally(() => {
        this.flushing = null;
      });
    }
    return this.flushing;
  }

  private async drain(): Promise<void> {
    for (;;) {
      const [head] = this.pending();
      if (!head) return;
      let result: SendResult;
      try {
        result = await this.send(head);
      } catch {
        result = { kind: 'unreachable' };
      }
      if (result.kind === 'unreachable') {
        this.update(head.key, (e) => ({ ...e, attempts: e.attempts + 1 }));
        this.online = false;
        this.changed();
        return;
      }
      this.online = true;
      if (result.kind === 'rejected') {
        this.store.setItem(rejectedKey, JSON.stringify([...this.rejected(), { ...head, message: result.message }]));
      } else {
        const done: DeliveredEntry = { key: head.key, path: head.path, ...(result.response !== undefined ? { response: result.response } : {}), at: new Date().toISOString() };
        this.store.setItem(deliveredKey, JSON.stringify([...this.read<DeliveredEntry>(deliveredKey), done].slice(-DELIVERED_KEPT)));
      }
      this.store.setItem(queueKey, JSON.stringify(this.pending().filter((e) => e.key !== head.key)));
      this.changed();
    }
  }

  private update(key: string, f: (e: QueuedEntry) => QueuedEntry): void {
    this.store.setItem(queueKey, JSON.stringify(this.pending().map((e) => (e.key === key ? f(e) : e))));
  }

  clearRejected(): void {
    this.store.setItem(rejectedKey, '[]');
    this.changed();
  }
}

/** The real sender: POST with the Idempotency-Key header; network failures, 5xx, 408 and 429 are retried later, and so
 *  is a 409 idempotency.in_progress (the first try of this key is still running: its answer comes on the next send). */
export function httpSender(language: () => string): Sender {
  return async (entry) => {
    let res: Response;
    try {
      res = await fetch(entry.path, {
        method: 'POST',
        credentials: 'same-origin',
        headers: {
          'Content-Type': 'application/json',
          Accept: 'application/json',
          'Accept-Language': language(),
          'Idempotency-Key': entry.key,
        },
        body: JSON.stringify(entry.body),
      });
    } catch {
      return { kind: 'unreachable' };
    }
    if (res.ok) return { kind: 'accepted', response: (await res.json().catch(() => undefined)) as unknown };
    if (res.status >= 500 || res.status === 408 || res.status === 429 || res.status === 401) return { kind: 'unreachable' };
    const data = (await res.json().catch(() => null)) as { error?: { message?: string; code?: string } } | null;
    if (res.status === 409) return data?.error?.code === 'idempotency.in_progress' ? { kind: 'unreachable' } : { kind: 'accepted' };
    return { kind: 'rejected', message: data?.error?.message ?? data?.error?.code ?? `HTTP ${res.status}` };
  };
}
