// Cutting (разделка) posted: the input lot leaves stock at its ledger cost, the outputs come in with that cost
// split by the chosen key, to the cent; one 'production' document in the CUT series, one transaction.

import { Decimal, DomainError, splitCuttingCost, type CuttingKey, type CuttingOutput, type CuttingShare } from '@kasa/domain';
import type { Kysely } from 'kysely';
import type { Db } from '../connection';
import type { Database } from '../schema';
import type { Actor, DocumentView } from '../documents/engine';
import { getDocument } from '../documents/engine';
import { audit } from '../audit/audit';
import { checkDate, checkQuantity, closePostedDocument, existingByKey, isUniqueViolation, ledgerPolicy, openPostedDocument, postNamed, itemCodes, namesFrom } from './posting';

export interface CuttingInput {
  date: string;
  warehouseId: number;
  input: { itemId: number; quantity: string };
  /** Outputs and waste; for the price key a missing priceMinor is taken from the default price group on the date. */
  outputs: CuttingOutput[];
  key: CuttingKey;
  idempotencyKey?: string;
  reason?: string | null;
  seriesCode?: string;
}

export interface CuttingReport {
  kind: 'cutting';
  key: CuttingKey;
  input: { itemId: number; itemCode: string; quantity: string; costMinor: number };
  outputs: Array<Omit<CuttingShare, 'unitCostMinor'> & { itemCode: string | null; unitCostMinor: string }>;
  /** Input quantity not accounted for by outputs and waste (drip loss), when units agree. */
  unaccountedQuantity: string | null;
}

export interface CuttingResult extends CuttingReport {
  document: DocumentView;
  duplicate: boolean;
}

export async function postCutting(db: Db, actor: Actor, input: CuttingInput): Promise<CuttingResult> {
  const first = await existingByKey<CuttingReport>(db, input.idempotencyKey);
  if (first) return { ...first.report, document: first.document, duplicate: true };
  checkDate(input.date);
  checkQuantity(input.input.itemId, input.input.quantity);
  try {
    const { id, report } = await db.kysely.transaction().execute(async (trx) => {
      const ids = [input.input.itemId, ...input.outputs.flatMap((o) => (o.itemId === undefined ? [] : [o.itemId]))];
      const codes = await itemCodes(trx, ids);
      for (const itemId of ids) if (!codes.has(itemId)) throw new DomainError('item.unknown', { item: itemId }, 400);
      const names = namesFrom(codes);
      const policy = await ledgerPolicy(trx, ids);
      if (!policy.warehouseKnown(input.warehouseId)) throw new DomainError('production.warehouse_unknown', { warehouse: input.warehouseId }, 400);

      // The outputs cannot weigh more than the input when they are counted in the same unit.
      const units = await trx.selectFrom('items').select(['id', 'unit']).where('id', 'in', ids).execute();
      const unitOf = new Map(units.map((u) => [Number(u.id), u.unit]));
      const inputUnit = unitOf.get(input.input.itemId);
      const sameUnit = input.outputs.every((o) => o.itemId === undefined || unitOf.get(o.itemId) === inputUnit);
      const outTotal = input.outputs.reduce((s, o) => s.plus(new Decimal(o.quantity || 0)), new Decimal(0));
      const inQty = new Decimal(input.input.quantity);
      if (sameUnit && outTotal.gt(inQty))
        throw new DomainError('cutting.outputs_exceed_input', { item: names(input.input.itemId), input: inQty.toFixed(3), outputs: outTotal.toFixed(3) });

      let outputs = input.outputs;
      if (input.key === 'price') outputs = await withDefaultPrices(trx, outputs, input.date);

      const doc = await openPostedDocument(trx, actor, {
        type: 'production',
        seriesCode: input.seriesCode ?? 'CUT',
        date: input.date,
        warehouseId: input.warehouseId,
        reason: input.reason,
        idempotencyKey: input.idempotencyKey,
      });
      const [taken] = await postNamed(
        trx,
        db,
        doc.id,
        input.date,
        [{ itemId: input.input.itemId, warehouseId: input.warehouseId, quantity: inQty.neg().toFixed(3) }],
        policy,
        names,
      );
      const inputCost = -(taken ?? 0);
      const shares = splitCuttingCost(inputCost, outputs, input.key, names);
      const stocked = shares.filter((s) => s.itemId !== undefined);
      await postNamed(
        trx,
        db,
        doc.id,
        input.date,
        stocked.map((s) => ({ itemId: s.itemId!, warehouseId: input.warehouseId, quantity: s.quantity, valueMinor: s.costMinor })),
        policy,
        names,
      );
      const report: CuttingReport = {
        kind: 'cutting',
        key: input.key,
        input: { itemId: input.input.itemId, itemCode: names(input.input.itemId), quantity: inQty.toFixed(3), costMinor: inputCost },
        outputs: shares.map((s) => ({ ...s, itemCode: s.itemId === undefined ? null : names(s.itemId), unitCostMinor: s.unitCostMinor.toDecimalPlaces(4).toString() })),
        unaccountedQuantity: sameUnit ? inQty.minus(outTotal).toFixed(3) : null,
      };
      await closePostedDocument(
        trx,
        doc.id,
        stocked.map((s) => ({ itemId: s.itemId!, quantity: s.quantity, amountMinor: s.costMinor })),
        report,
      );
      await audit(trx, { userId: actor.userId, action: 'post', entity: 'document', entityId: doc.id, after: { status: 'posted', number: doc.number, type: 'production', kind: 'cutting' } });
      return { id: doc.id, report };
    });
    return { ...report, document: await getDocument(db, id), duplicate: false };
  } catch (e) {
    if (input.idempotencyKey && isUniqueViolation(e)) {
      const again = await existingByKey<CuttingReport>(db, input.idempotencyKey);
      if (again) return { ...again.report, document: again.document, duplicate: true };
    }
    throw e;
  }
}

/** Fills missing sales prices from the default price group, the price valid on the date. */
async function withDefaultPrices(trx: Kysely<Database>, outputs: CuttingOutput[], date: string): Promise<CuttingOutput[]> {
  const need = outputs.filter((o) => !o.waste && o.priceMinor === undefined && o.itemId !== undefined).map((o) => o.itemId!);
  if (!need.length) return outputs;
  const rows = await trx
    .selectFrom('prices')
    .innerJoin('price_groups', 'price_groups.id', 'prices.price_group_id')
    .select(['prices.item_id', 'prices.price_minor', 'prices.valid_from'])
    .where('price_groups.is_default', '=', 1)
    .where('prices.item_id', 'in', need)
    .where('prices.valid_from', '<=', date)
    .orderBy('prices.valid_from', 'desc')
    .orderBy('prices.id', 'desc')
    .execute();
  const price = new Map<number, number>();
  for (const r of rows) if (!price.has(Number(r.item_id))) price.set(Number(r.item_id), Number(r.price_minor));
  return outputs.map((o) => (o.waste || o.priceMinor !== undefined || o.itemId === undefined ? o : { ...o, priceMinor: price.get(o.itemId) }));
}
