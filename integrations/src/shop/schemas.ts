// The order API's request and response shapes: each TypeBox schema is the route's validator, its TypeScript type and
// its OpenAPI entry. Body examples use the demo data (warehouse STORE; items 1001 rye bread, 1037 and 1041 milk,
// 1101 pork chops sold by weight) and work as they are against a fresh demo database.

import { Type, type Static } from '@sinclair/typebox';
import { ORDER_STATUSES, PAYMENT_METHODS } from './lifecycle';

const Code = (description: string) => Type.String({ minLength: 1, maxLength: 50, description });
const Quantity = (description: string) =>
  Type.Number({
    minimum: 0,
    maximum: 1_000_000,
    description: `${description} Pieces are whole numbers; goods sold by weight take up to 3 decimals (kg).`,
  });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.Optional(Type.String()),
      params: Type.Optional(Type.Object({}, { additionalProperties: true })),
    }),
  },
  { description: 'Every refusal: a stable machine-readable code, a translated message and the parameters.' },
);

export const CursorQuery = Type.Object(
  {
    cursor: Type.Optional(
      Type.String({
        maxLength: 120,
        pattern: '^[0-9.]*$',
        description: 'nextCursor of the previous answer; omit for everything.',
      }),
    ),
    limit: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 1000,
        description: 'Page size (default 100 for the catalogue, 500 for stock).',
      }),
    ),
  },
  { additionalProperties: false },
);

export const StockQuery = Type.Object(
  {
    warehouse: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 50,
        description: "Warehouse code (default: the store's first warehouse).",
        examples: ['STORE'],
      }),
    ),
    cursor: CursorQuery.properties.cursor,
    limit: CursorQuery.properties.limit,
  },
  { additionalProperties: false },
);

export const CatalogueItemSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  unit: Type.String(),
  weighted: Type.Boolean(),
  active: Type.Boolean(),
  barcodes: Type.Array(Type.String()),
  priceMinor: Type.Union([Type.Integer(), Type.Null()], { description: 'Price with VAT in minor units (cents).' }),
  currency: Type.String(),
});

export const CataloguePageSchema = Type.Object({
  items: Type.Array(CatalogueItemSchema),
  nextCursor: Type.String(),
  hasMore: Type.Boolean(),
});

export const StockPageSchema = Type.Object({
  warehouse: Type.String(),
  items: Type.Array(
    Type.Object({ code: Type.String(), onHand: Type.Number(), reserved: Type.Number(), available: Type.Number() }),
  ),
  nextCursor: Type.String(),
  hasMore: Type.Boolean(),
});

export const CreateOrderBody = Type.Object(
  {
    externalRef: Type.Optional(
      Type.String({ minLength: 1, maxLength: 100, description: "The shop's own order number." }),
    ),
    warehouse: Type.Optional(
      Type.String({ minLength: 1, maxLength: 50, description: 'Warehouse code to reserve and ship from.' }),
    ),
    payment: Type.Optional(
      Type.Union(
        PAYMENT_METHODS.map((p) => Type.Literal(p)),
        { description: 'online (default): the shop marks it paid before shipping; on_delivery: paid when delivered.' },
      ),
    ),
    allowSubstitutions: Type.Optional(
      Type.Boolean({ description: 'The customer agrees to substitutes for goods out of stock.' }),
    ),
    customer: Type.Optional(
      Type.Object(
        {
          name: Type.Optional(Type.String({ maxLength: 200 })),
          email: Type.Optional(Type.String({ maxLength: 200 })),
          phone: Type.Optional(Type.String({ maxLength: 50 })),
          address: Type.Optional(Type.String({ maxLength: 500 })),
        },
        { additionalProperties: false },
      ),
    ),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
    lines: Type.Array(
      Type.Object(
        { itemCode: Code('Item code from the catalogue.'), quantity: Quantity('Ordered quantity.') },
        { additionalProperties: false },
      ),
      {
        minItems: 1,
        maxItems: 500,
      },
    ),
  },
  {
    additionalProperties: false,
    examples: [
      {
        externalRef: 'WEB-10001',
        warehouse: 'STORE',
        payment: 'online',
        allowSubstitutions: true,
        customer: {
          name: 'Anna Bērziņa',
          email: 'anna@example.com',
          phone: '+371 20000000',
          address: 'Brīvības iela 1, Rīga',
        },
        lines: [
          { itemCode: '1001', quantity: 2 },
          { itemCode: '1037', quantity: 1 },
          { itemCode: '1101', quantity: 0.75 },
        ],
      },
    ],
  },
);
export type CreateOrderBody = Static<typeof CreateOrderBody>;

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.String({
    minLength: 1,
    maxLength: 200,
    description: 'Any unique string per order, e.g. a UUID; a retry with the same key and body returns the same order.',
    examples: ['3f0c2a52-7c57-4c3e-9d7e-2f1f7a0c0001'],
  }),
});

export const OrderIdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) });

const PickLine = Type.Object(
  {
    itemCode: Code('The item picked.'),
    quantity: Quantity('Picked quantity (0 when none was found).'),
    substituteFor: Type.Optional(Code('The ordered item this one replaces (order must allow substitutions).')),
  },
  { additionalProperties: false },
);

export const PickBody = Type.Object(
  { lines: Type.Array(PickLine, { minItems: 1, maxItems: 500 }) },
  {
    additionalProperties: false,
    examples: [
      {
        lines: [
          { itemCode: '1001', quantity: 2 },
          { itemCode: '1041', quantity: 1, substituteFor: '1037' },
          { itemCode: '1101', quantity: 0.742 },
        ],
      },
    ],
  },
);
export type PickBody = Static<typeof PickBody>;

export const StatusBody = Type.Object(
  {
    status: Type.Union(
      ORDER_STATUSES.map((s) => Type.Literal(s)),
      { description: 'The next status; cancelled from any status before shipped.' },
    ),
    lines: Type.Optional(
      Type.Array(PickLine, {
        minItems: 1,
        maxItems: 500,
        description: 'Picked quantities, recorded before the change (with status ready).',
      }),
    ),
  },
  { additionalProperties: false, examples: [{ status: 'picking' }] },
);
export type StatusBody = Static<typeof StatusBody>;

const OrderLineSchema = Type.Object({
  lineNo: Type.Integer(),
  itemCode: Type.String(),
  itemName: Type.String(),
  unit: Type.String(),
  quantity: Type.Number(),
  pickedQuantity: Type.Union([Type.Number(), Type.Null()]),
  priceMinor: Type.Integer(),
  amountMinor: Type.Integer(),
  substituteFor: Nullable(Type.String()),
});

export const OrderSchema = Type.Object({
  id: Type.Integer(),
  externalRef: Nullable(Type.String()),
  status: Type.String(),
  payment: Type.String(),
  allowSubstitutions: Type.Boolean(),
  warehouse: Type.String(),
  currency: Type.String(),
  totalMinor: Type.Integer(),
  customer: Type.Union([
    Type.Object({
      name: Type.Optional(Type.String()),
      email: Type.Optional(Type.String()),
      phone: Type.Optional(Type.String()),
      address: Type.Optional(Type.String()),
    }),
    Type.Null(),
  ]),
  note: Nullable(Type.String()),
  saleDocument: Type.Union([Type.Object({ id: Type.Integer(), number: Type.String() }), Type.Null()]),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  allowedNext: Type.Array(Type.String()),
  lines: Type.Array(OrderLineSchema),
  history: Type.Array(Type.Object({ status: Type.String(), from: Nullable(Type.String()), at: Type.String() })),
});

export const WebhookBody = Type.Object(
  {
    url: Type.String({
      minLength: 8,
      maxLength: 2000,
      description: 'http(s) URL that receives POSTs of order events.',
    }),
    secret: Type.Optional(
      Type.String({
        minLength: 16,
        maxLength: 200,
        description: 'HMAC key for X-Kasa-Signature; generated when omitted.',
      }),
    ),
  },
  {
    additionalProperties: false,
    examples: [{ url: 'https://shop.example.com/kasa/webhooks', secret: 'change-me-to-a-long-random-secret' }],
  },
);
export type WebhookBody = Static<typeof WebhookBody>;

export const WebhookSchema = Type.Object({
  id: Type.Integer(),
  url: Type.String(),
  active: Type.Boolean(),
  createdAt: Type.String(),
});
export const WebhookCreatedSchema = Type.Object({
  id: Type.Integer(),
  url: Type.String(),
  active: Type.Boolean(),
  createdAt: Type.String(),
  secret: Type.String(),
});

export const WebhookIdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) });

export const DeliveriesQuery = Type.Object(
  {
    orderId: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  },
  { additionalProperties: false },
);

export const OrderListQuery = Type.Object(
  {
    status: Type.Optional(Type.Union(ORDER_STATUSES.map((s) => Type.Literal(s)))),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, description: 'At most this many (default 50).' })),
  },
  { additionalProperties: false },
);

export const OrderListSchema = Type.Object({
  orders: Type.Array(
    Type.Object({
      id: Type.Integer(),
      externalRef: Nullable(Type.String()),
      status: Type.String(),
      totalMinor: Type.Integer(),
      currency: Type.String(),
      createdAt: Type.String(),
      updatedAt: Type.String(),
    }),
  ),
});
