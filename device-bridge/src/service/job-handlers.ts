// Job types → device adapter calls. Every print, drawer, display and fiscal command runs through these as a job.
import { DomainError, isDomainError } from '@kasa/domain';
import type { HandlerLookup, JobHandler } from '../jobs/runner';
import { deviceName, type DeviceAdapter, type DeviceRegistry } from './devices';

/** Fiscal operations that make a numbered document, so the runner records the number before sending. */
export const NUMBERED_FISCAL_OPS = ['open-shift', 'receipt', 'cash-in', 'cash-out', 'x-report', 'z-report'];
export const FISCAL_OPS = [...NUMBERED_FISCAL_OPS, 'cancel'];

const capabilityOf: Record<string, keyof DeviceAdapter> = {
  'print.receipt': 'printReceipt',
  'print.labels': 'printLabels',
  'drawer.open': 'openDrawer',
  'display.show': 'display',
  'payment.purchase': 'payment',
  'payment.refund': 'payment',
  'payment.cancel': 'payment',
};

/** Card terminal operations; each is a job under the caller's key, so a resend never charges twice. */
export const PAYMENT_OPS = ['purchase', 'refund', 'cancel'] as const;

export function capabilityForJob(type: string): keyof DeviceAdapter | undefined {
  return type.startsWith('fiscal.') ? 'fiscal' : capabilityOf[type];
}

function withDevice(name: string, e: unknown): DomainError {
  if (isDomainError(e)) return new DomainError(e.code, { device: name, ...e.params }, e.status);
  return new DomainError('device.io', { device: name, cause: e instanceof Error ? e.message : String(e) }, 502);
}

export function jobHandlers(devices: DeviceRegistry): HandlerLookup {
  return (type, deviceId) => {
    const entry = devices.get(deviceId);
    const capability = capabilityForJob(type);
    if (!entry || !capability) return undefined;
    const name = deviceName(entry.config);
    const guard = async <T>(f: () => Promise<T>): Promise<T> => {
      try {
        return await f();
      } catch (e) {
        throw withDevice(name, e);
      }
    };
    const handler: JobHandler = {
      run: (job) =>
        guard(async () => {
          const p = job.payload as Record<string, unknown>;
          switch (type) {
            case 'print.receipt':
              return devices.adapterFor(entry, 'printReceipt')(p.receipt);
            case 'print.labels':
              return devices.adapterFor(entry, 'printLabels')(p.labels);
            case 'drawer.open':
              return devices.adapterFor(entry, 'openDrawer')();
            case 'display.show':
              return devices.adapterFor(entry, 'display')(p);
            case 'payment.purchase':
            case 'payment.refund':
            case 'payment.cancel':
              return devices.adapterFor(entry, 'payment')(type.slice('payment.'.length), p);
            default:
              return devices.adapterFor(entry, 'fiscal')(type.slice('fiscal.'.length), p);
          }
        }),
    };
    const op = type.startsWith('fiscal.') ? type.slice('fiscal.'.length) : '';
    if (NUMBERED_FISCAL_OPS.includes(op) && entry.adapter?.lastDocumentNumber) {
      handler.lastDocumentNumber = () => guard(() => devices.adapterFor(entry, 'lastDocumentNumber')());
    }
    return handler;
  };
}
