// One till as a shop runs it: the device bridge (startBridge, no devices) with its own config file and till folder,
// syncing with a store server, and the calls the till UI makes to it. Closed by close(); the folder stays for the next start.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startBridge, type RunningBridge } from '@kasa/device-bridge';

export interface TillStatus {
  online: boolean;
  catalogueItems: number;
  lastError: string | null;
}

export interface BridgeTill {
  url: string;
  headers: Record<string, string>;
  /** The till's own SQLite file (catalogue cache and journal). */
  dbFile: string;
  get<T>(path: string): Promise<{ status: number; body: T }>;
  status(): Promise<TillStatus>;
  close(): Promise<void>;
}

/** Writes `<folder>/config.json` (no devices) the first time; the till's data lives in `<folder>/till`. */
export function tillFolder(folder: string, storeServerUrl: string): string {
  mkdirSync(folder, { recursive: true });
  const configFile = join(folder, 'config.json');
  writeFileSync(configFile, JSON.stringify({ host: '127.0.0.1', port: 7070, storeServerUrl, tillCode: 'T01', devices: [], dbFile: 'bridge.db' }));
  return configFile;
}

export async function startBridgeTill(folder: string): Promise<BridgeTill> {
  const bridge: RunningBridge = await startBridge({
    configFile: join(folder, 'config.json'),
    emulate: false,
    port: 0,
    quiet: true,
    tillDataDir: join(folder, 'till'),
  });
  const headers = { 'x-bridge-token': bridge.token, accept: 'application/json' };
  const get = async <T>(path: string) => {
    const res = await fetch(bridge.url + path, { headers });
    return { status: res.status, body: (await res.json()) as T };
  };
  return {
    url: bridge.url,
    headers,
    dbFile: join(folder, 'till', 'till.db'),
    get,
    status: async () => (await get<TillStatus>('/api/till/status')).body,
    close: () => bridge.close(),
  };
}

/** Polls the till's status until its cache holds `items` items; returns the milliseconds since `since`. */
export async function untilCatalogue(till: BridgeTill, items: number, since: number, timeoutMs: number): Promise<number> {
  for (;;) {
    const s = await till.status();
    if (s.catalogueItems >= items) return performance.now() - since;
    if (performance.now() - since > timeoutMs) {
      throw new Error(`the till cached ${s.catalogueItems} of ${items} items in ${timeoutMs} ms (online ${s.online}, last error ${s.lastError ?? 'none'})`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}
