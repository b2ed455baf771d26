// Runs the store server: `tsx backoffice/src/server/main.ts` (npm start runs it with the device bridge).
// PORT (default 3000), HOST (default 0.0.0.0 so handheld terminals on the shop's Wi-Fi reach it), DATABASE_URL,
// KASA_DEMO=1 to create the demo company in an empty database. The scheduled exchange with 1C runs here.
import { buildServer } from './app';

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '0.0.0.0';
const { app, db, demoCreated } = await buildServer({ demo: process.env.KASA_DEMO === '1', logger: process.env.LOG_LEVEL !== 'silent', exchangeSchedule: true });
await app.listen({ port, host });
console.log(`store server on http://localhost:${port}/ (${db.kind}${demoCreated ? ', demo data created' : ''})`);
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    void app.close().then(() => process.exit(0));
  });
}
