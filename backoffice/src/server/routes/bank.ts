// Bank and cash desk over HTTP: statement upload (the raw 1CClientBankExchange file, or base64 in JSON), the
// accountant's queue, budget items (статьи ДДС) and their rules, cash-desk operations, and the cash-flow and
// receivables/payables reports. Rights: bank.view, bank.import, bank.assign, bank.settings, cash.edit, reports.view.

import { Type, type Static, type TSchema } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { assertRight, DomainError } from '@kasa/domain';
import {
  applyRulesToQueue,
  assignBankOperation,
  cashFlowFromBooks,
  createBudgetItem,
  createBudgetRule,
  createCashOperation,
  deleteBudgetItem,
  deleteBudgetRule,
  importBankStatement,
  listBankOperations,
  listBankStatements,
  listBudgetItems,
  listBudgetRules,
  listCashOperations,
  receivablesPayables,
  updateBudgetItem,
  updateBudgetRule,
} from '@kasa/integrations';
import type { RouteContext } from '../app';
import { translate } from '../i18n';
import { pickLanguage } from '../messages';

const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', examples: ['2026-11-30'] });
const Id = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const Direction = Type.Union([Type.Literal('in'), Type.Literal('out')]);
const OptionalId = Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]));

/** The JSON form of an upload: the file base64 (for clients that cannot send raw bytes). */
interface StatementJson {
  fileName?: string;
  contentBase64: string;
}
const UploadQuery = Type.Object({ fileName: Type.Optional(Type.String({ maxLength: 255 })) });
const OperationsQuery = Type.Object({
  status: Type.Optional(Type.Union([Type.Literal('matched'), Type.Literal('queued')])),
  statementId: Type.Optional(Type.Integer({ minimum: 1 })),
  from: Type.Optional(IsoDate),
  to: Type.Optional(IsoDate),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
});
const AssignBody = Type.Object(
  { budgetItemId: Type.Integer({ minimum: 1 }), partnerId: OptionalId, makeRule: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
const BudgetItemBody = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 40 }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    kind: Type.Union([Type.Literal('inflow'), Type.Literal('outflow')]),
    parentId: OptionalId,
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
const RuleBody = Type.Object(
  {
    priority: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
    budgetItemId: Type.Integer({ minimum: 1 }),
    direction: Type.Optional(Type.Union([Direction, Type.Null()])),
    partnerId: OptionalId,
    purposePattern: Type.Optional(Type.Union([Type.String({ maxLength: 500, description: 'Regular expression, case-insensitive, on the payment purpose' }), Type.Null()])),
    counterpartyTaxNumber: Type.Optional(Type.Union([Type.String({ maxLength: 20 }), Type.Null()])),
  },
  { additionalProperties: false },
);
const CashBody = Type.Object(
  {
    date: IsoDate,
    direction: Direction,
    amountMinor: Type.Integer({ minimum: 1, maximum: 1e12, description: 'Integer minor units (cents)' }),
    budgetItemId: OptionalId,
    partnerId: OptionalId,
    purpose: Type.String({ minLength: 1, maxLength: 500 }),
  },
  { additionalProperties: false },
);
const Period = Type.Object({ from: IsoDate, to: IsoDate });
const OnDate = Type.Object({ date: IsoDate });

export function registerBankRoutes(app: FastifyInstance, ctx: RouteContext): void {
  // Registering twice (app.ts and a test) is harmless.
  if (app.hasDecorator('kasaBankRoutes')) return;
  app.decorate('kasaBankRoutes', true);
  // The raw file comes as application/octet-stream; the parser lives in this plugin's scope only.
  void app.register(async (scope) => {
    scope.addContentTypeParser('application/octet-stream', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    routes(scope, ctx);
  });
}

function routes(app: FastifyInstance, { db, requireUser }: RouteContext): void {
  app.post(
    '/api/v1/bank/statements',
    {
      schema: {
        tags: ['bank'],
        summary: 'Import a 1CClientBankExchange statement (raw bytes as application/octet-stream, or JSON with contentBase64); the same file twice books nothing; unreadable payments are listed in summary.rejections (line, key, reason)',
        // The body is raw bytes (application/octet-stream) or JSON { fileName?, contentBase64 }; it is checked in the handler (a schema here would make
        // Ajv validate the raw Buffer).
        querystring: UploadQuery,
      },
    },
    async (req, reply) => {
      const actor = requireUser(req);
      assertRight(actor.rights, 'bank.import');
      const query = req.query as Static<typeof UploadQuery>;
      let bytes: Buffer;
      let fileName = query.fileName;
      if (Buffer.isBuffer(req.body)) bytes = req.body;
      else {
        const b = req.body as Partial<StatementJson> | null;
        if (!b || typeof b.contentBase64 !== 'string') throw new DomainError('bank.file_empty', {}, 400);
        bytes = Buffer.from(b.contentBase64, 'base64');
        fileName = typeof b.fileName === 'string' ? b.fileName : fileName;
      }
      if (!bytes.length) throw new DomainError('bank.file_empty', {}, 400);
      const summary = await importBankStatement(db, bytes, { fileName, userId: actor.userId });
      // Each rejected payment with its reason in the caller's language, for the import report.
      const lng = pickLanguage(req.headers['accept-language']);
      const rejections = summary.rejections.map((r) => ({ ...r, reason: translate(r.code, r.params, lng) }));
      return reply.status(summary.sameFile ? 200 : 201).send({ summary: { ...summary, rejections } });
    },
  );

  app.get('/api/v1/bank/statements', { schema: { tags: ['bank'], summary: 'Imported statements, newest first' } }, async (req) => {
    assertRight(requireUser(req).rights, 'bank.view');
    return { statements: await listBankStatements(db) };
  });

  app.get('/api/v1/bank/operations', { schema: { tags: ['bank'], summary: 'Bank operations; status=queued is the manual queue', querystring: OperationsQuery } }, async (req) => {
    assertRight(requireUser(req).rights, 'bank.view');
    return listBankOperations(db, req.query as Static<typeof OperationsQuery>);
  });

  app.post(
    '/api/v1/bank/operations/:id/assign',
    { schema: { tags: ['bank'], summary: 'Tie an operation to a budget item (and partner); makeRule remembers it for the partner or ИНН and applies it to the queue', params: Id, body: AssignBody } },
    async (req) => {
      const actor = requireUser(req);
      assertRight(actor.rights, 'bank.assign');
      return assignBankOperation(db, (req.params as Static<typeof Id>).id, req.body as Static<typeof AssignBody>, { userId: actor.userId });
    },
  );

  // Budget items and the rules that assign them: the same four routes each (list for anyone signed in, changes with
  // bank.settings).
  const crudRoutes = <B extends TSchema, R>(
    path: string,
    key: string,
    listKey: string,
    body: B,
    texts: { list: string; create: string; update: string; remove: string },
    ops: { list(): Promise<R[]>; create(b: Static<B>): Promise<R>; update(id: number, b: Static<B>): Promise<R>; remove(id: number): Promise<unknown> },
  ) => {
    app.get(path, { schema: { tags: ['bank'], summary: texts.list } }, async (req) => {
      requireUser(req);
      return { [listKey]: await ops.list() };
    });
    app.post(path, { schema: { tags: ['bank'], summary: texts.create, body } }, async (req, reply) => {
      assertRight(requireUser(req).rights, 'bank.settings');
      return reply.status(201).send({ [key]: await ops.create(req.body as Static<B>) });
    });
    app.put(`${path}/:id`, { schema: { tags: ['bank'], summary: texts.update, params: Id, body } }, async (req) => {
      assertRight(requireUser(req).rights, 'bank.settings');
      return { [key]: await ops.update((req.params as Static<typeof Id>).id, req.body as Static<B>) };
    });
    app.delete(`${path}/:id`, { schema: { tags: ['bank'], summary: texts.remove, params: Id } }, async (req, reply) => {
      assertRight(requireUser(req).rights, 'bank.settings');
      await ops.remove((req.params as Static<typeof Id>).id);
      return reply.status(204).send();
    });
  };
  crudRoutes(
    '/api/v1/bank/budget-items',
    'budgetItem',
    'budgetItems',
    BudgetItemBody,
    { list: 'Cash-flow budget items (статьи ДДС)', create: 'Create a budget item', update: 'Change a budget item', remove: 'Delete an unused budget item' },
    { list: () => listBudgetItems(db), create: (b) => createBudgetItem(db, b), update: (id, b) => updateBudgetItem(db, id, b), remove: (id) => deleteBudgetItem(db, id) },
  );
  crudRoutes(
    '/api/v1/bank/rules',
    'rule',
    'rules',
    RuleBody,
    { list: 'Budget item rules in the order they are tried', create: 'Create a rule (priority defaults to after the last)', update: 'Change a rule', remove: 'Delete a rule' },
    { list: () => listBudgetRules(db), create: (b) => createBudgetRule(db, b), update: (id, b) => updateBudgetRule(db, id, b), remove: (id) => deleteBudgetRule(db, id) },
  );
  app.post('/api/v1/bank/rules/apply', { schema: { tags: ['bank'], summary: 'Run the rules over the queue again' } }, async (req) => {
    assertRight(requireUser(req).rights, 'bank.assign');
    return { assigned: await applyRulesToQueue(db) };
  });

  app.get('/api/v1/cash/operations', { schema: { tags: ['bank'], summary: 'Cash-desk operations outside till receipts', querystring: Type.Partial(Period) } }, async (req) => {
    assertRight(requireUser(req).rights, 'bank.view');
    return { operations: await listCashOperations(db, req.query as Partial<Static<typeof Period>>) };
  });
  app.post('/api/v1/cash/operations', { schema: { tags: ['bank'], summary: 'Record cash paid in or out of the cash desk', body: CashBody } }, async (req, reply) => {
    const actor = requireUser(req);
    assertRight(actor.rights, 'cash.edit');
    return reply.status(201).send({ operation: await createCashOperation(db, req.body as Static<typeof CashBody>, { userId: actor.userId }) });
  });

  app.get('/api/v1/reports/cash-flow', { schema: { tags: ['reports'], summary: 'Cash-flow (ДДС) by budget item and month, bank and cash desk', querystring: Period } }, async (req) => {
    assertRight(requireUser(req).rights, 'reports.view');
    const { from, to } = req.query as Static<typeof Period>;
    return { report: await cashFlowFromBooks(db, { from, to }) };
  });
  app.get('/api/v1/reports/receivables-payables', { schema: { tags: ['reports'], summary: 'Accounts receivable and payable by partner on a date', querystring: OnDate } }, async (req) => {
    assertRight(requireUser(req).rights, 'reports.view');
    return { report: await receivablesPayables(db, (req.query as Static<typeof OnDate>).date) };
  });
}
