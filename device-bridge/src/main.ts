// `npm run bridge -- [--emulate] [--config FILE] [--host H] [--port N] [--db FILE]`
// Without --emulate the bridge drives the devices listed in the config file (real hardware).
import { startBridge } from './service/bridge';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const port = arg('--port');
const bridge = await startBridge({
  emulate: process.argv.includes('--emulate'),
  configFile: arg('--config'),
  host: arg('--host'),
  port: port === undefined ? undefined : Number(port),
  dbFile: arg('--db'),
});
console.log(`emulator console: ${bridge.url}/emulators`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await bridge.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
