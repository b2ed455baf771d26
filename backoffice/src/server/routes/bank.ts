// Bank and cash desk over HTTP: statement upload (the raw 1CClientBankExchange file, or base64 in JSON), the
// accountant's queue, budget items (статьи ДДС) and their rules, cash-desk operations, and the cash-flow and
// receivables/payables reports. Rights: bank.view, bank.import, bank.assign, bank.settings, cash.edit, reports.view.

import { Type, type Static } from '@sinclair/typebox';
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

  app.get('/api/v1/bank/budget-items', { schema: { tags: ['bank'], summary: 'Cash-flow budget items (статьи ДДС)' } }, async (req) => {
    requireUser(req);
    return { budgetItems: await listBudgetItems(db) };
  });
  app.post('/api/v1/bank/budget-items', { schema: { tags: ['bank'], summary: 'Create a budget item', body: BudgetItemBody } }, async (req, reply) => {
    assertRight(requireUser(req).rights, 'bank.settings');
    return reply.status(201).send({ budgetItem: await createBudgetItem(db, req.body as Static<typeof BudgetItemBody>) });
  });
  app.put('/api/v1/bank/budget-items/:id', { schema: { tags: ['bank'], summary: 'Change a budget item', params: Id, body: BudgetItemBody } }, async (req) => {
    assertRight(requireUser(req).rights, 'bank.settings');
    return { budgetItem: await updateBudgetItem(db, (req.params as Static<typeof Id>).id, req.body as Static<typeof BudgetItemBody>) };
  });
  app.delete('/api/v1/bank/budget-items/:id', { schema: { tags: ['bank'], summary: 'Delete an unused budget item', params: Id } }, async (req, reply) => {
    assertRight(requireUser(req).rights, 'bank.settings');
    await deleteBudgetItem(db, (req.params as Static<typeof Id>).id);
    return reply.status(204).send();
  });

  app.get('/api/v1/bank/rules', { schema: { tags: ['bank'], summary: 'Budget item rules in the order they are tried' } }, async (req) => {
    requireUser(req);
    return { rules: await listBudgetRules(db) };
  });
  app.post('/api/v1/bank/rules', { schema: { tags: ['bank'], summary: 'Create a rule (priority defaults to after the last)', body: RuleBody } }, async (req, reply) => {
    assertRight(requireUser(req).rights, 'bank.settings');
    return reply.status(201).send({ rule: await createBudgetRule(db, req.body as Static<typeof RuleBody>) });
  });
  app.put('/api/v1/bank/rules/:id', { schema: { tags: ['bank'], summary: 'Change a rule', params: Id, body: RuleBody } }, async (req) => {
    assertRight(requireUser(req).rights, 'bank.settings');
    return { rule: await updateBudgetRule(db, (req.params as Static<typeof Id>).id, req.body as Static<typeof RuleBody>) };
  });
  app.delete('/api/v1/bank/rules/:id', { schema: { tags: ['bank'], summary: 'Delete a rule', params: Id } }, async (req, reply) => {
    assertRight(requireUser(req).rights, 'bank.settings');
    await deleteBudgetRule(db, (req.params as Static<typeof Id>).id);
    return reply.status(204).send();
  });
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
