// The till's one door to the bridge's devices (receipt printer, fiscal printer, cash drawer, customer display).
// Calls go through the bridge's own REST API in-process (fastify inject), so they run as the bridge's durable
// jobs; a missing device or route never undoes a sale that is already in the journal.
import type { FastifyInstance } from 'fastify';

export interface DeviceResult {
  ok: boolean;
  status: number;
  body?: unknown;
}

export interface TillDevices {
  printReceipt(receipt: unknown): Promise<DeviceResult>;
  fiscalReceipt(receipt: unknown): Promise<DeviceResult>;
  openDrawer(): Promise<DeviceResult>;
  display(content: { top: string; bottom: string }): Promise<DeviceResult>;
  /** Fiscal register operations beside receipts: open-shift, cash-in, cash-out, x-report, z-report. */
  fiscal(operation: 'open-shift' | 'cash-in' | 'cash-out' | 'x-report' | 'z-report', payload: unknown): Promise<DeviceResult>;
}

/** The bridge's device routes; one place to change when the service's API moves. */
export const DEVICE_ROUTES = {
  printReceipt: '/api/devices/printer/receipt',
  fiscalReceipt: '/api/devices/fiscal/receipt',
  openDrawer: '/api/devices/drawer/open',
  display: '/api/devices/display',
  /** `:operation` is replaced by the fiscal operation name. */
  fiscal: '/api/devices/fiscal/:operation',
} as const;

export function bridgeDevices(app: FastifyInstance, headers: () => Record<string, string> = () => ({})): TillDevices {
  const post = async (url: string, payload: unknown): Promise<DeviceResult> => {
    try {
      const res = await app.inject({ method: 'POST', url, payload: payload as object, headers: { 'content-type': 'application/json', ...headers() } });
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
  return {
    printReceipt: (r) => post(DEVICE_ROUTES.printReceipt, r),
    fiscalReceipt: (r) => post(DEVICE_ROUTES.fiscalReceipt, r),
    openDrawer: () => post(DEVICE_ROUTES.openDrawer, {}),
    display: (c) => post(DEVICE_ROUTES.display, c),
    fiscal: (op, p) => post(DEVICE_ROUTES.fiscal.replace(':operation', op), p),
  };
}

/** For tests and tills without devices: remembers what it was asked to do. */
export function recordingDevices(): TillDevices & { calls: { kind: string; payload: unknown }[] } {
  const calls: { kind: string; payload: unknown }[] = [];
  const rec = (kind: string) => async (payload?: unknown) => {
    calls.push({ kind, payload });
    return { ok: true, status: 200 };
  };
  return { calls, printReceipt: rec('printReceipt'), fiscalReceipt: rec('fiscalReceipt'), openDrawer: rec('openDrawer'), display: rec('display'), fiscal: (op, p) => rec(`fiscal:${op}`)(p) };
}
