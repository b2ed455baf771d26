// The till's one door to the bridge's devices (receipt printer, fiscal register, cash drawer, customer display).
// Calls go through the bridge's own REST API in-process (fastify inject), so every one runs as the bridge's
// durable job under an idempotency key; a missing device or route never undoes a sale already in the journal.
import type { FastifyInstance } from 'fastify';
import type { PrintableReceipt } from './receipt-layout';

export interface DeviceResult {
  ok: boolean;
  status: number;
  body?: unknown;
}

export type FiscalOperation = 'open-shift' | 'cash-in' | 'cash-out' | 'x-report' | 'z-report';
export type PaymentOperation = 'purchase' | 'refund' | 'cancel';

/** The card terminal's answer as the bridge's payment job keeps it. */
export interface CardResult {
  outcome: 'approved' | 'declined';
  amountMinor: number;
  currency: string;
  approvalCode?: string;
  maskedPan?: string;
  rrn?: string;
}

/** A bridge job as the till reads it back (GET /api/jobs/:key). */
export interface DeviceJob {
  key: string;
  type: string;
  state: 'queued' | 'running' | 'done' | 'failed';
  result?: unknown;
  error?: { code: string; params?: Record<string, unknown> };
}

export interface TillDevices {
  printReceipt(key: string, receipt: PrintableReceipt): Promise<DeviceResult>;
  fiscalReceipt(key: string, receipt: unknown): Promise<DeviceResult>;
  openDrawer(key?: string): Promise<DeviceResult>;
  display(lines: string[]): Promise<DeviceResult>;
  /** Fiscal register operations beside receipts; `amount` is a decimal string ("12.50") for cash in/out. */
  fiscal(operation: FiscalOperation, key: string, body: { cashier?: string; amount?: string }): Promise<DeviceResult>;
  /** The scale's current weight: body `{ weight: "0.756", unit: "kg", stable }` when ok. */
  readWeight(): Promise<DeviceResult>;
  /** Card terminal operation as a job under `key`; body `{ job }` (the job may still be running). */
  payment(operation: PaymentOperation, key: string, body: { amountMinor: number; currency: string; reference?: string }): Promise<DeviceResult>;
  /** A job by its key: body `{ job }`, 404 when there is none. */
  job(key: string): Promise<DeviceResult>;
  /** The bridge's recent jobs: body `{ jobs }`, newest first. */
  jobs(): Promise<DeviceResult>;
  /** Runs a failed job again under its key (a fiscal one first asks the register whether it was made). */
  retry(key: string): Promise<DeviceResult>;
}

/** The bridge's device routes (documented in service/schemas.ts); `?wait=0` queues the job and answers at once. */
export const DEVICE_ROUTES = {
  printReceipt: '/api/print/receipt?wait=0',
  fiscalReceipt: '/api/fiscal/receipt?wait=0',
  openDrawer: '/api/drawer/open?wait=0',
  display: '/api/display?wait=0',
  fiscal: (op: FiscalOperation) => `/api/fiscal/${op}?wait=0`,
  scaleWeight: '/api/scale/weight',
  payment: (op: PaymentOperation) => `/api/payment/${op}?wait=0`,
  job: (key: string) => `/api/jobs/${encodeURIComponent(key)}`,
  jobs: '/api/jobs',
  retry: (key: string) => `/api/jobs/${encodeURIComponent(key)}/retry?wait=0`,
} as const;

export function bridgeDevices(app: FastifyInstance, headers: () => Record<string, string> = () => ({})): TillDevices {
  const call = async (method: 'GET' | 'POST', url: string, payload?: object): Promise<DeviceResult> => {
    try {
      const res = await app.inject(
        method === 'POST' ? { method, url, payload: payload ?? {}, headers: { 'content-type': 'application/json', ...headers() } } : { method, url, headers: headers() },
      );
      let body: unknown = undefined;
      try {
        body = res.body ? (JSON.parse(res.body) as unknown) : undefined;
      } catch {
        body = res.body;
      }
      return { ok: res.statusCode < 300, status: res.statusCode, body };
    } catch (e) {
      return { ok: false, status: 0, body: e instanceof Error ? e.message : String(e) };
    }
  };
  const post = (url: string, payload: object) => call('POST', url, payload);
  return {
    readWeight: () => call('GET', DEVICE_ROUTES.scaleWeight),
    printReceipt: (key, receipt) => post(DEVICE_ROUTES.printReceipt, { key, receipt }),
    fiscalReceipt: (key, receipt) => post(DEVICE_ROUTES.fiscalReceipt, { key, receipt: receipt as object }),
    openDrawer: (key) => post(DEVICE_ROUTES.openDrawer, key ? { key } : {}),
    display: (lines) => post(DEVICE_ROUTES.display, { lines: lines.slice(0, 4) }),
    fiscal: (op, key, body) => post(DEVICE_ROUTES.fiscal(op), { key, ...body }),
    payment: (op, key, body) => post(DEVICE_ROUTES.payment(op), { key, ...body }),
    job: (key) => call('GET', DEVICE_ROUTES.job(key)),
    jobs: () => call('GET', DEVICE_ROUTES.jobs),
    retry: (key) => post(DEVICE_ROUTES.retry(key), {}),
  };
}

/**
 * For tests and tills without devices: remembers what it was asked to do; `fiscalMissing` answers fiscal calls 404,
 * `weight` is what the scale shows, `card` how the card terminal answers (approves by default; one job per key).
 */
export function recordingDevices(
  opts: { fiscalMissing?: boolean; weight?: string; card?: 'approve' | 'decline' | 'missing'; fiscalFault?: string } = {},
): TillDevices & { calls: { kind: string; key?: string; payload: unknown }[]; card: 'approve' | 'decline' | 'missing'; fiscalFault: string | undefined } {
  const calls: { kind: string; key?: string; payload: unknown }[] = [];
  const ok = { ok: true, status: 202 };
  const missing = { ok: false, status: 404 };
  const jobs = new Map<string, DeviceJob>();
  let approvals = 0;
  // A fiscal fault (e.g. "fiscal.paper_out") fails fiscal receipts as the bridge's job would, until it is cleared.
  const fiscalJob = (key: string): DeviceResult => {
    if (opts.fiscalMissing) return missing;
    const job: DeviceJob = devices.fiscalFault
      ? { key, type: 'fiscal.receipt', state: 'failed', error: { code: devices.fiscalFault, params: {} } }
      : { key, type: 'fiscal.receipt', state: 'done', result: {} };
    jobs.set(key, job);
    return job.state === 'done' ? ok : { ok: false, status: 502, body: { job } };
  };
  const devices = {
    card: opts.card ?? 'approve',
    fiscalFault: opts.fiscalFault,
    calls,
    payment: async (op: PaymentOperation, key: string, body: { amountMinor: number; currency: string; reference?: string }): Promise<DeviceResult> => {
      calls.push({ kind: `payment:${op}`, key, payload: body });
      if (devices.card === 'missing') return { ok: false, status: 404, body: { error: { code: 'device.none', params: { kind: 'payment' } } } };
      let job = jobs.get(key);
      if (!job) {
        approvals += 1;
        job =
          devices.card === 'approve'
            ? { key, type: `payment.${op}`, state: 'done', result: { outcome: 'approved', amountMinor: body.amountMinor, currency: body.currency, approvalCode: String(100000 + approvals), maskedPan: '************4321', rrn: String(approvals).padStart(12, '0') } }
            : { key, type: `payment.${op}`, state: 'failed', error: { code: 'payment.declined', params: {} } };
        jobs.set(key, job);
      }
      return { ok: job.state === 'done', status: job.state === 'done' ? 200 : 502, body: { job } };
    },
    job: async (key: string): Promise<DeviceResult> => (jobs.has(key) ? { ok: true, status: 200, body: { job: jobs.get(key) } } : missing),
    jobs: async (): Promise<DeviceResult> => ({ ok: true, status: 200, body: { jobs: [...jobs.values()].reverse() } }),
    retry: async (key: string): Promise<DeviceResult> => {
      calls.push({ kind: 'retry', key, payload: {} });
      const job = jobs.get(key);
      if (!job) return missing;
      return job.type === 'fiscal.receipt' ? fiscalJob(key) : { ok: true, status: 200, body: { job } };
    },
    printReceipt: async (key, receipt) => (calls.push({ kind: 'printReceipt', key, payload: receipt }), ok),
    fiscalReceipt: async (key, receipt) => (calls.push({ kind: 'fiscalReceipt', key, payload: receipt }), fiscalJob(key)),
    openDrawer: async (key) => (calls.push({ kind: 'openDrawer', ...(key ? { key } : {}), payload: {} }), ok),
    display: async (lines) => (calls.push({ kind: 'display', payload: lines }), ok),
    fiscal: async (op, key, body) => (calls.push({ kind: `fiscal:${op}`, key, payload: body }), opts.fiscalMissing ? missing : ok),
    readWeight: async () => (calls.push({ kind: 'readWeight', payload: {} }), opts.weight ? { ok: true, status: 200, body: { weight: opts.weight, unit: 'kg', stable: true } } : missing),
  } satisfies TillDevices & { calls: unknown[]; card: string; fiscalFault: string | undefined };
  return devices;
}

/** Wraps devices so a throwing implementation reads as a failed call: after the journal is written, nothing may throw. */
export function guardDevices(d: TillDevices): TillDevices {
  const safe =
    <A extends unknown[]>(f: (...a: A) => Promise<DeviceResult>) =>
    async (...a: A): Promise<DeviceResult> => {
      try {
        return await f(...a);
      } catch (e) {
        return { ok: false, status: 0, body: e instanceof Error ? e.message : String(e) };
      }
    };
  return {
    printReceipt: safe((k: string, r: PrintableReceipt) => d.printReceipt(k, r)),
    fiscalReceipt: safe((k: string, r: unknown) => d.fiscalReceipt(k, r)),
    openDrawer: safe((k?: string) => d.openDrawer(k)),
    display: safe((l: string[]) => d.display(l)),
    fiscal: safe((op: FiscalOperation, k: string, b: { cashier?: string; amount?: string }) => d.fiscal(op, k, b)),
    readWeight: safe(() => d.readWeight()),
    payment: safe((op: PaymentOperation, k: string, b: { amountMinor: number; currency: string; reference?: string }) => d.payment(op, k, b)),
    job: safe((k: string) => d.job(k)),
    jobs: safe(() => d.jobs()),
    retry: safe((k: string) => d.retry(k)),
  };
}
