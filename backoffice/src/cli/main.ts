// `kasa`: the store server's command line (npm run kasa -- <command>). Works on the database DATABASE_URL names:
// unset → data/kasa.db, `sqlite:PATH`, `postgres://…`. Every failure prints one line and exits with status 1.

import { parseArgs, type ParseArgsConfig } from 'node:util';
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { DomainError, isDomainError } from '@kasa/domain';
import type { Db } from '@kasa/db';
import { cliLanguage, errorText } from './messages';

// Modules load when a command needs them, so `kasa --help` and a mistyped command answer at once.
const dbModule = () => import('@kasa/db');
const integrations = () => import('@kasa/integrations');

type Values = Record<string, string | boolean | undefined>;

interface Command {
  name: string;
  usage: string;
  summary: string;
  options?: ParseArgsConfig['options'];
  /** Names of the positional arguments, all required. */
  positionals?: string[];
  run(args: { values: Values; positionals: string[]; usage: string }): Promise<void>;
}

const say = (line: string) => process.stdout.write(`${line}\n`);

async function withDatabase<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const { openDatabase } = await dbModule();
  const db = openDatabase();
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

/** Commands other than migrate need the schema this code expects; they never change it on their own. */
async function requireSchema(db: Db): Promise<void> {
  const { migrationsFor } = await dbModule();
  const tables = await db.kysely.introspection.getTables({ withInternalKyselyTables: true });
  const known = Object.keys(migrationsFor(db));
  if (!tables.some((t) => t.name === 'kysely_migration')) throw new DomainError('cli.not_migrated', { location: db.location });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const rows = await db.kysely.selectFrom('kysely_migration' as any).select('name').execute();
  const applied = rows.map((r) => String((r as { name: string }).name));
  const unknown = applied.filter((n) => !known.includes(n));
  if (unknown.length) throw new DomainError('db.newer_than_code', { migrations: unknown.join(', ') }, 500);
  if (known.some((n) => !applied.includes(n))) throw new DomainError('cli.not_migrated', { location: db.location });
}

async function migrate(db: Db): Promise<void> {
  const { migrateToLatest } = await dbModule();
  const applied = await migrateToLatest(db);
  say(applied.length ? `Database ${db.location} (${db.kind}): applied ${applied.join(', ')}.` : `Database ${db.location} (${db.kind}) is up to date.`);
}

function required(values: Values, option: string, command: string, usage: string): string {
  const v = values[option];
  if (typeof v !== 'string' || v === '') throw new DomainError('cli.option_missing', { command, option, usage }, 400);
  return v;
}

const COMMANDS: Command[] = [
  {
    name: 'migrate',
    usage: 'migrate',
    summary: 'Create or upgrade the database schema (SQLite file or PostgreSQL database).',
    run: () => withDatabase(migrate),
  },
  {
    name: 'demo',
    usage: 'demo',
    summary: 'Migrate, then fill an empty database with the demo shop "Kasa Demo SIA".',
    run: () =>
      withDatabase(async (db) => {
        const { createDemo, DEMO_COMPANY_NAME } = await import('../demo/seed');
        const { DEMO_USERS } = await import('../demo/people');
        await migrate(db);
        const existing = await db.kysely.selectFrom('companies').select('name').orderBy('id').executeTakeFirst();
        if (existing) throw new DomainError('cli.demo_company_exists', { location: db.location, name: existing.name }, 409);
        const demo = await createDemo(db);
        const docs = await db.kysely.selectFrom('documents').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
        say(`Demo shop "${DEMO_COMPANY_NAME}" created: ${demo.items.length} goods, ${Object.keys(demo.partners).length} partners, ${Number(docs.n)} documents.`);
        const logins = DEMO_USERS.map((u) => (u.password ? `${u.username}/${u.password}` : `${u.name} PIN ${u.pin}`)).join(', ');
        say(`Log in as ${logins}.`);
        const { DEMO_SHOP_KEY } = await integrations();
        say(`Online shop API key: ${DEMO_SHOP_KEY}`);
      }),
  },
  {
    name: 'user add',
    usage: 'user add --username U --name N --group G [--password P] [--pin 1234] [--language lv]',
    summary: 'Add a user to a group (admin, manager, storekeeper, cashier, senior_cashier, ...).',
    options: {
      username: { type: 'string' },
      name: { type: 'string' },
      group: { type: 'string' },
      password: { type: 'string' },
      pin: { type: 'string' },
      language: { type: 'string' },
    },
    run: ({ values, usage }) =>
      withDatabase(async (db) => {
        await requireSchema(db);
        const username = required(values, 'username', 'user add', usage);
        const name = required(values, 'name', 'user add', usage);
        const group = required(values, 'group', 'user add', usage);
        const password = values.password as string | undefined;
        const pin = values.pin as string | undefined;
        if (!password && !pin) throw new DomainError('cli.user_secret_missing', {}, 400);
        const { addUser } = await import('../auth/users');
        const id = await addUser(db, { username, name, group, password, pin, language: (values.language as string | undefined) ?? 'en' });
        say(`User "${username}" (${name}) added to group ${group}, id ${id}.`);
      }),
  },
  {
    name: 'backup',
    usage: 'backup FILE',
    summary: 'Copy the SQLite database to FILE while the server runs (PostgreSQL: use pg_dump).',
    positionals: ['FILE'],
    run: ({ positionals }) =>
      withDatabase(async (db) => {
        if (db.kind !== 'sqlite') throw new DomainError('cli.backup_postgresql', {}, 400);
        await requireSchema(db);
        const { backupDatabase } = await import('./backup');
        const r = await backupDatabase(db, resolve(positionals[0]!));
        say(`Backup of ${db.location} written to ${r.file} (${r.bytes} bytes).`);
      }),
  },
  {
    name: 'restore',
    usage: 'restore FILE',
    summary: 'Replace the SQLite database with the backup FILE; stop the server first (the old file is kept).',
    positionals: ['FILE'],
    run: async ({ positionals }) => {
      const { kind, target } = (await dbModule()).parseDatabaseUrl(process.env.DATABASE_URL);
      if (kind !== 'sqlite') throw new DomainError('cli.backup_postgresql', {}, 400);
      const { restoreDatabase } = await import('./backup');
      const r = await restoreDatabase(target, resolve(positionals[0]!));
      say(`Restored ${target} from ${resolve(positionals[0]!)} (${r.companies === 1 ? '1 company' : `${r.companies} companies`}, migrations ${r.migrations.join(', ')}).`);
      if (r.keptAs) say(`The previous database is kept as ${r.keptAs}.`);
    },
  },
  {
    name: 'export-1c',
    usage: 'export-1c --from YYYY-MM-DD --to YYYY-MM-DD --out DIR [--json]',
    summary: "Write the CommerceML 2.10 exchange for the accountant's 1C: import.xml, offers.xml, documents.xml.",
    options: { from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' } },
    run: ({ values, usage }) =>
      withDatabase(async (db) => {
        const from = required(values, 'from', 'export-1c', usage);
        const to = required(values, 'to', 'export-1c', usage);
        const out = resolve(required(values, 'out', 'export-1c', usage));
        await requireSchema(db);
        const { commerceMlSourceFromDb, exportCommerceMl } = await integrations();
        const result = await exportCommerceMl(await commerceMlSourceFromDb(db), out, { from, to });
        const c = result.counts;
        if (values.json) {
          say(JSON.stringify({ files: result.files, goods: c.items, offers: c.offers, documents: c.documents }));
        } else {
          say(`Wrote ${out}: import.xml (${c.items} goods in ${c.groups} groups), offers.xml (${c.offers} offers; ${c.offersWithoutPrice} goods without a price left out), documents.xml (${c.documents} documents ${from} – ${to}).`);
        }
      }),
  },
  {
    name: 'import-bank',
    usage: 'import-bank FILE [--json]',
    summary: 'Book a 1CClientBankExchange bank statement: new payments stored, duplicates skipped, partners and budget items matched, the rest queued for the accountant.',
    positionals: ['FILE'],
    options: { json: { type: 'boolean' } },
    run: ({ positionals, values }) =>
      withDatabase(async (db) => {
        await requireSchema(db);
        const file = resolve(positionals[0]!);
        let bytes: Buffer;
        try {
          bytes = await readFile(file);
        } catch {
          throw new DomainError('cli.file_missing', { file }, 404);
        }
        const { importBankStatement, minorToAmount } = await integrations();
        // The same function as POST /api/v1/bank/statements: one transaction, the same file twice books nothing.
        const s = await importBankStatement(db, bytes, { fileName: basename(file) });
        if (values.json) {
          const rejections = await Promise.all(s.rejections.map(async (r) => ({ line: r.line, key: r.key, code: r.code, reason: await errorText(r.code, r.params, cliLanguage()) })));
          say(JSON.stringify({ statementId: s.statementId, sameFile: s.sameFile, documents: s.documents, imported: s.imported, duplicates: s.duplicates, rejected: s.rejected, assigned: s.assigned, queued: s.queued, partnersMatched: s.partnersMatched, inMinor: s.inMinor, outMinor: s.outMinor, balanceMismatches: s.balanceMismatches.length, rejections }));
          return;
        }
        say(`Statement ${file}: format ${s.formatVersion}, accounts ${s.accounts.join(', ') || '—'}, period ${s.periodFrom ?? '?'} – ${s.periodTo ?? '?'}.`);
        if (s.sameFile) say(`This file was imported before (statement ${s.statementId}); nothing was booked.`);
        else {
          say(`Booked ${s.imported} of ${s.documents} payments (incoming ${minorToAmount(s.inMinor)}, outgoing ${minorToAmount(s.outMinor)}); ${s.duplicates} already booked were skipped.`);
          say(`Budget items: ${s.assigned} by rules, ${s.queued} waiting in the queue for the accountant. Partners found: ${s.partnersMatched}.`);
        }
        if (s.rejected) say(`Rejected ${s.rejected} payments that could not be read:`);
        for (const r of s.rejections) say(`  line ${r.line} (${r.key}): ${await errorText(r.code, r.params, cliLanguage())}`);
        for (const m of s.balanceMismatches) say(`Balance of ${m.account} (line ${m.line}): opening + in − out = ${minorToAmount(m.expectedClosingMinor)}, the file says ${minorToAmount(m.closingMinor)}.`);
      }),
  },
  {
    name: 'generate',
    usage: 'generate --items N --movements M',
    summary: 'Benchmark data: N goods G000001… (EAN-13 barcodes, prices) and M stock movements posted as receivings and sales of 1000 lines; run demo first.',
    options: { items: { type: 'string' }, movements: { type: 'string' } },
    run: ({ values, usage }) =>
      withDatabase(async (db) => {
        const count = (option: string) => {
          const v = values[option] ?? '0';
          if (typeof v !== 'string' || !/^\d{1,9}$/.test(v)) throw new DomainError('cli.arguments', { command: 'generate', detail: `--${option} must be a whole number`, usage }, 400);
          return Number(v);
        };
        const items = count('items');
        const movements = count('movements');
        await requireSchema(db);
        const { generateBenchmarkData } = await import('../demo/generate');
        const started = Date.now();
        let shown = '';
        const summary = await generateBenchmarkData(db, {
          items,
          movements,
          onProgress: (p) => {
            // One line per tenth of each phase, so a million movements print ten lines, not a thousand.
            const tenth = Math.floor((p.done * 10) / Math.max(1, p.total));
            if (`${p.phase}${tenth}` === shown) return;
            shown = `${p.phase}${tenth}`;
            say(`${p.phase === 'items' ? 'Goods' : 'Movements'}: ${p.done} / ${p.total} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
          },
        }).catch((e) => {
          if (isDomainError(e) && e.code === 'generate.no_items') throw new DomainError('cli.arguments', { command: 'generate', detail: 'there are no generated goods to move; add --items', usage }, 400);
          throw e;
        });
        const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
        say(`Generated ${summary.items} goods${summary.firstCode ? ` ${summary.firstCode}–${summary.lastCode}` : ''} (${summary.barcodes} barcodes, ${summary.prices} prices in ${summary.priceGroup ?? 'no price group'}) in ${s(summary.itemsMs)}.`);
        say(`Posted ${summary.movements} stock movements in ${summary.documents} documents on warehouse ${summary.warehouse} in ${s(summary.movementsMs)}.`);
        say(`Total time ${s(Date.now() - started)}.`);
      }),
  },
];

function help(): string {
  return [
    'Usage: kasa <command> [options]   (npm run kasa -- <command>)',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.usage}\n      ${c.summary}`),
    '',
    'The database is DATABASE_URL: unset = data/kasa.db, sqlite:PATH, or postgres://user:password@host/db.',
    'Messages follow KASA_LANGUAGE or LANG (en, lv, ru, cs, hu).',
  ].join('\n');
}

async function runCli(argv: string[]): Promise<number> {
  const lng = cliLanguage();
  try {
    if (argv.length === 0 || ['--help', '-h', 'help'].includes(argv[0]!)) {
      // `kasa help generate` is `kasa generate --help`.
      if (argv[0] === 'help' && argv.length > 1) return runCli([...argv.slice(1), '--help']);
      say(help());
      return 0;
    }
    // `kasa user --help`: the usage of every command starting with that word.
    const family = COMMANDS.filter((c) => c.name.includes(' ') && c.name.startsWith(`${argv[0]} `));
    if (family.length && (argv[1] === '--help' || argv[1] === '-h')) {
      say(family.map((c) => `Usage: kasa ${c.usage}\n${c.summary}`).join('\n\n'));
      return 0;
    }
    const command = COMMANDS.find((c) => {
      const words = c.name.split(' ');
      return words.every((w, i) => argv[i] === w);
    });
    if (!command) throw new DomainError('cli.command_unknown', { command: argv.slice(0, argv[0] === 'user' ? 2 : 1).join(' ') }, 400);
    const rest = argv.slice(command.name.split(' ').length);
    if (rest.includes('--help') || rest.includes('-h')) {
      say(`Usage: kasa ${command.usage}\n${command.summary}`);
      return 0;
    }
    let parsed: { values: Values; positionals: string[] };
    try {
      parsed = parseArgs({ args: rest, options: command.options ?? {}, allowPositionals: true, strict: true }) as typeof parsed;
    } catch (e) {
      throw new DomainError('cli.arguments', { command: command.name, detail: (e as Error).message.split(/\.( |$)/)[0]!, usage: command.usage }, 400);
    }
    const wanted = command.positionals ?? [];
    if (parsed.positionals.length !== wanted.length) {
      const detail = parsed.positionals.length < wanted.length ? `${wanted[parsed.positionals.length]} is missing` : `unexpected argument "${parsed.positionals[wanted.length]}"`;
      throw new DomainError('cli.arguments', { command: command.name, detail, usage: command.usage }, 400);
    }
    await command.run({ ...parsed, usage: command.usage });
    return 0;
  } catch (e) {
    const line = isDomainError(e) ? await errorText(e.code, e.params, lng) : String((e as Error)?.message ?? e).split('\n')[0];
    process.stderr.write(`kasa: ${line}\n`);
    return 1;
  }
}

process.exitCode = await runCli(process.argv.slice(2));
