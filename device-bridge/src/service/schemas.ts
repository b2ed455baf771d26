// REST request bodies. These schemas are the contract the till and the back office call; types derive from them.
//
//   POST /api/print/receipt   { key, device?, receipt: { lines: (string | { text, align?, bold?, size? })[], cut?, openDrawer?, qr?, barcode? } }
//   POST /api/print/labels    { key, device?, labels: [{ template?, fields: { name, price, barcode, ... }, copies? }] }
//   POST /api/drawer/open     { key?, device? }
//   POST /api/display         { key?, device?, lines: string[] }            (customer display, up to 4 lines)
//   POST /api/fiscal/receipt  { key, device?, receipt: { items: [...], payments: [...], ... } }  (passed to the fiscal driver)
//   POST /api/fiscal/cash-in | cash-out  { key, device?, amount: "12.50" }
//   POST /api/fiscal/open-shift | cancel | x-report | z-report  { key, device?, cashier?: string }
//   POST /api/payment/purchase | refund | cancel  { key, device?, amountMinor, currency, reference? }
//   ?wait=0 on any of these returns 202 at once; otherwise the answer waits up to 20 s for the job to end.
import { Type, type Static } from '@sinclair/typebox';

export const Key = Type.String({ minLength: 1, maxLength: 200 });
const DeviceId = Type.String({ minLength: 1, maxLength: 100 });

export const ReceiptLine = Type.Union([
  Type.String(),
  Type.Object({
    text: Type.String(),
    align: Type.Optional(Type.Union([Type.Literal('left'), Type.Literal('center'), Type.Literal('right')])),
    bold: Type.Optional(Type.Boolean()),
    size: Type.Optional(Type.Union([Type.Literal('normal'), Type.Literal('double')])),
  }),
]);

export const PrintReceiptBody = Type.Object({
  key: Key,
  device: Type.Optional(DeviceId),
  receipt: Type.Object(
    {
      lines: Type.Array(ReceiptLine, { maxItems: 2000 }),
      cut: Type.Optional(Type.Boolean()),
      openDrawer: Type.Optional(Type.Boolean()),
      qr: Type.Optional(Type.String()),
      barcode: Type.Optional(Type.Object({ type: Type.String(), data: Type.String() })),
    },
    { additionalProperties: true },
  ),
});
export type PrintReceiptBody = Static<typeof PrintReceiptBody>;

export const PrintLabelsBody = Type.Object({
  key: Key,
  device: Type.Optional(DeviceId),
  labels: Type.Array(
    Type.Object(
      {
        template: Type.Optional(Type.String()),
        fields: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()])),
        copies: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
      },
      { additionalProperties: true },
    ),
    { minItems: 1, maxItems: 1000 },
  ),
});
export type PrintLabelsBody = Static<typeof PrintLabelsBody>;

export const DrawerBody = Type.Object({ key: Type.Optional(Key), device: Type.Optional(DeviceId) });
export type DrawerBody = Static<typeof DrawerBody>;

export const DisplayBody = Type.Object({ key: Type.Optional(Key), device: Type.Optional(DeviceId), lines: Type.Array(Type.String(), { maxItems: 4 }) });
export type DisplayBody = Static<typeof DisplayBody>;

/** Decimal amount as a string, never a float: "12.50". */
export const Amount = Type.String({ pattern: '^\\d{1,9}(\\.\\d{1,2})?$' });

export const FiscalBody = Type.Object(
  {
    key: Key,
    device: Type.Optional(DeviceId),
    cashier: Type.Optional(Type.String({ maxLength: 100 })),
    amount: Type.Optional(Amount),
    receipt: Type.Optional(Type.Object({}, { additionalProperties: true })),
  },
  { additionalProperties: true },
);
export type FiscalBody = Static<typeof FiscalBody>;

/** A card terminal operation; the amount in minor units (cents), never a float. */
export const PaymentBody = Type.Object({
  key: Key,
  device: Type.Optional(DeviceId),
  amountMinor: Type.Integer({ minimum: 1, maximum: 99_999_999_999 }),
  currency: Type.Union([Type.Literal('EUR'), Type.Literal('CZK'), Type.Literal('HUF'), Type.Literal('RUB'), Type.Literal('USD')]),
  /** The till's reference (receipt number or uuid prefix), up to 10 characters reach the terminal. */
  reference: Type.Optional(Type.String({ maxLength: 40 })),
});
export type PaymentBody = Static<typeof PaymentBody>;

export const WaitQuery = Type.Object({ wait: Type.Optional(Type.String()) });
export type WaitQuery = Static<typeof WaitQuery>;

export const ScaleBody = Type.Object({ weight: Type.String({ pattern: '^\\d{1,3}(\\.\\d{1,3})?$' }), device: Type.Optional(DeviceId) });
export const ScanBody = Type.Object({ code: Type.String({ minLength: 1, maxLength: 200 }), device: Type.Optional(DeviceId) });
