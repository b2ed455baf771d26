// Starts the whole bridge: config, job store, devices (real or emulated on pty pairs), HTTP + socket.io service.
import { join, dirname, resolve } from 'node:path';
import { mkdirSync } from 'node:fs';
import { defaultConfigFile, loadConfig, resolveDbFile, type BridgeConfig, type DeviceConfig, type DeviceKind } from '../config/config';
import { JobStore } from '../jobs/store';
import { JobRunner } from '../jobs/runner';
import { emulatorCatalog } from '../emulators/catalog';
import { startEmulatorOnPty, type RunningEmulator, type EmulatorFactory } from '../emulators/host';
import { DeviceRegistry } from './devices';
import { adapterFactories } from './kinds';
import { jobHandlers } from './job-handlers';
import { allowOwnOrigin, createServer } from './server';

export interface StartBridgeOptions {
  /** Config file (default `.bridge/config.json` under the repo root). */
  configFile?: string;
  /** Start every available emulator on its own pty pair and drive those instead of the configured devices. */
  emulate?: boolean;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Overrides the config's job database file. */
  dbFile?: string;
  /** Emulator output and state (receipt paper, fiscal journal); default `<config dir>/emulators`. */
  emulatorDir?: string;
  /** Only these emulator kinds (default: all available). */
  emulatorKinds?: DeviceKind[];
  /** Folder of the till build (default pos-terminal/dist). */
  tillDist?: string;
  /** Till journal folder (default `<config dir>/till`). */
  tillDataDir?: string;
  quiet?: boolean;
}

export interface RunningBridge {
  url: string;
  token: string;
  config: BridgeConfig;
  emulators: RunningEmulator[];
  close(): Promise<void>;
}

/** Shop-wide settings in the config file that devices inherit unless their own options say otherwise. */
export interface ShopSettings {
  /** ISO country of the shop (LV, CZ, HU, RU): picks the fiscal register's default VAT → tax group table. */
  country?: string;
  /** VAT rate → tax group 1..4 as the fiscal register is programmed, e.g. { "21": 1, "12": 2, "5": 3, "0": 4 }. */
  fiscalTaxGroups?: Record<string, number>;
}

/** Fiscal registers (emulated ones too) get the shop's country and tax table unless configured on the device. */
export function withShopDefaults(devices: DeviceConfig[], config: BridgeConfig & ShopSettings): DeviceConfig[] {
  return devices.map((d) =>
    d.kind !== 'shtrih'
      ? d
      : {
          ...d,
          options: {
            ...(config.country ? { country: config.country } : {}),
            ...(config.fiscalTaxGroups ? { taxGroups: config.fiscalTaxGroups } : {}),
            ...d.options,
          },
        },
  );
}

export async function startBridge(opts: StartBridgeOptions = {}): Promise<RunningBridge> {
  const emulate = opts.emulate ?? true;
  const configFile = resolve(opts.configFile ?? defaultConfigFile);
  const config = loadConfig(configFile);
  const host = opts.host ?? config.host;
  const port = opts.port ?? config.port;
  const dbFile = opts.dbFile ?? resolveDbFile(configFile, config);

  const emulators: RunningEmulator[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  try {
    let deviceConfigs = config.devices;
    if (emulate) {
      const dir = opts.emulatorDir ?? join(dirname(configFile), 'emulators');
      const kinds = (Object.keys(emulatorCatalog) as DeviceKind[]).filter((k) => !opts.emulatorKinds || opts.emulatorKinds.includes(k));
      for (const kind of kinds) {
        const factory = emulatorCatalog[kind] as EmulatorFactory;
        const kindDir = join(dir, kind);
        mkdirSync(kindDir, { recursive: true });
        const em = await startEmulatorOnPty(factory, kind, { outDir: kindDir, stateFile: join(kindDir, 'state.json') });
        emulators.push(em);
        cleanups.push(em.close);
      }
      deviceConfigs = emulators.map((e) => e.device);
    }
    deviceConfigs = withShopDefaults(deviceConfigs, config);

    const store = new JobStore(dbFile);
    cleanups.push(async () => store.close());
    const devices = new DeviceRegistry(adapterFactories);
    const runner = new JobRunner(store, jobHandlers(devices));
    cleanups.push(() => runner.close());
    await devices.start(deviceConfigs);
    cleanups.push(() => devices.close());

    const { app, io, ctx } = await createServer({
      config,
      configFile,
      devices,
      runner,
      emulators,
      tillDist: opts.tillDist,
      tillDataDir: opts.tillDataDir,
      reloadDevices: async (next) => {
        if (!emulate) await devices.reload(next.devices);
      },
    });
    cleanups.push(async () => {
      io.close();
      await app.close();
    });

    await runner.recover();
    await app.listen({ host, port });
    const addr = app.server.address();
    const actualPort = typeof addr === 'object' && addr ? addr.port : port;
    allowOwnOrigin(ctx, host, actualPort);
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`;
    if (!opts.quiet) {
      console.log(`kasa device bridge on ${url} (${emulate ? `emulating ${emulators.map((e) => e.kind).join(', ') || 'nothing'}` : `${deviceConfigs.length} device(s)`})`);
    }
    let closed = false;
    return {
      url,
      token: config.token,
      config,
      emulators,
      close: async () => {
        if (closed) return;
        closed = true;
        for (const c of cleanups.reverse()) await c().catch(() => {});
      },
    };
  } catch (e) {
    for (const c of cleanups.reverse()) await c().catch(() => {});
    throw e;
  }
}
