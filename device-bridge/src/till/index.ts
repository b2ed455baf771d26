// The till side of the device bridge: journal, catalogue cache, sync with the store server, /api/till routes.
import type { FastifyInstance } from 'fastify';
import { bridgeDevices, type TillDevices } from './devices';
import { tillRoutes } from './routes';
import { Till, type TillOptions } from './till';

export { Till, type TillOptions, type ReceiptRequest } from './till';
export { hashPin, verifyPin } from './cashiers';
export { DEVICE_ROUTES, recordingDevices, type TillDevices } from './devices';

export interface TillContext {
  dataDir: string;
  serverUrl: string;
  tillCode: string;
  /** Optional: how to reach the devices; defaults to the bridge's own device routes in-process.
   * (Not `devices`: the bridge's context already has a `devices` registry of another kind.) */
  tillDevices?: TillDevices;
  /** Optional headers (the bridge token) for the in-process device calls. */
  deviceHeaders?: () => Record<string, string>;
  sync?: TillOptions['sync'];
  currency?: string;
  cashRounding?: string;
}

/** Opens the till's database, starts syncing, and serves /api/till/...; all closed with the app. */
export function registerTillRoutes(app: FastifyInstance, ctx: TillContext): Till {
  const till = new Till({
    dataDir: ctx.dataDir,
    serverUrl: ctx.serverUrl,
    tillCode: ctx.tillCode,
    devices: ctx.tillDevices ?? bridgeDevices(app, ctx.deviceHeaders),
    ...(ctx.sync ? { sync: ctx.sync } : {}),
    ...(ctx.currency ? { currency: ctx.currency } : {}),
    ...(ctx.cashRounding ? { cashRounding: ctx.cashRounding } : {}),
  });
  app.register(async (scope) => tillRoutes(scope, till), { prefix: '/api/till' });
  app.addHook('onReady', async () => till.start());
  app.addHook('onClose', async () => till.close());
  return till;
}
