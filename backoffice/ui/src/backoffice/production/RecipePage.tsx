// One item's recipe: its versions by date, the chosen version's components (gross, net, loss) costed from the
// warehouse's current costs, the printable tech card, and an editor that saves a new version (never edits one).
import { useEffect, useState } from 'react';
import { api, query } from '../../api/client';
import { useI18n } from '../../i18n/I18n';
import { minorToDecimalString, parseMoneyMinor, parseQuantity } from '../../i18n/format';
import { ErrorBox } from '../../shared/ErrorBox';
import { useApi } from '../../shared/useApi';
import { useReferences } from '../documents/lookups';
import { ItemCodeField, ProductionTabs, resolvePicked, today, useUnitMoney, type ItemRef, type PickedItem } from './shared';
import { useProductionTexts } from './texts';

type Kind = 'component' | 'packaging' | 'byproduct';
const KINDS: Kind[] = ['component', 'packaging', 'byproduct'];

interface VersionComponent {
  itemId: number;
  kind: Kind;
  grossQuantity: string;
  netQuantity: string;
  lossPercent: string;
}
interface RecipeVersion {
  id: number;
  version: number;
  validFrom: string;
  outputQuantity: string;
  overheadMinor: number;
  note: string | null;
  components: VersionComponent[];
}
interface RecipeData {
  item: ItemRef & { producedAtSale: boolean };
  versions: RecipeVersion[];
  components: ItemRef[];
}
interface CostLine extends VersionComponent {
  itemCode: string;
  itemName: string;
  unit: string;
  unitCostMinor: string | null;
  costMinor: string;
  viaRecipe: boolean;
}
interface CostData {
  currency: string;
  totalMinor: number;
  unitCostMinor: string;
  overheadMinor: string;
  missingCosts: number[];
  lines: CostLine[];
}

interface DraftLine {
  key: number;
  picked: PickedItem;
  kind: Kind;
  gross: string;
  loss: string;
}
let nextKey = 1;
const emptyLine = (): DraftLine => ({ key: nextKey++, picked: { code: '', item: null }, kind: 'component', gross: '', loss: '' });

export function RecipePage({ itemId }: { itemId: string }) {
  const { t, qty, money, date } = useI18n();
  const pt = useProductionTexts();
  const unitMoney = useUnitMoney();
  const refs = useReferences();
  const [tick, setTick] = useState(0);
  const { data, error } = useApi<RecipeData>(`/api/v1/production/recipes/${itemId}?v=${tick}`);
  const [version, setVersion] = useState<number | null>(null);
  const [warehouseId, setWarehouseId] = useState('');
  const current = data?.versions.find((v) => v.version === version) ?? data?.versions.at(-1) ?? null;
  const cost = useApi<CostData>(current && warehouseId ? `/api/v1/production/recipes/${itemId}/cost${query({ version: current.version, warehouseId })}` : null);
  const currency = cost.data?.currency ?? 'EUR';

  const [validFrom, setValidFrom] = useState(today);
  const [outputQuantity, setOutputQuantity] = useState('1');
  const [overhead, setOverhead] = useState('');
  const [note, setNote] = useState('');
  const [lines, setLines] = useState<DraftLine[]>(() => [emptyLine()]);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [saved, setSaved] = useState<number | null>(null);

  useEffect(() => {
    if (!warehouseId && refs.warehouses[0]) setWarehouseId(String(refs.warehouses[0].id));
  }, [refs.warehouses, warehouseId]);

  /** Fills the editor from a version, so a change is a small edit of what is there. */
  function startFrom(v: RecipeVersion) {
    const byId = new Map(data?.components.map((c) => [Number(c.id), c]));
    setOutputQuantity(v.outputQuantity);
    setOverhead(v.overheadMinor ? minorToDecimalString(v.overheadMinor, 2) : '');
    setNote(v.note ?? '');
    setLines(
      v.components.map((c) => {
        const item = byId.get(c.itemId) ?? null;
        return { key: nextKey++, picked: { code: item?.code ?? String(c.itemId), item }, kind: c.kind, gross: c.grossQuantity, loss: Number(c.lossPercent) ? c.lossPercent : '' };
      }),
    );
  }

  const update = (key: number, patch: Partial<DraftLine>) => setLines((ls) => ls.map((l) => (l.key === key ? { ...l, ...patch } : l)));

  async function save() {
    setSaveError(null);
    setSaved(null);
    try {
      const resolved = await Promise.all(lines.map(async (l) => ({ ...l, picked: await resolvePicked(l.picked) })));
      setLines(resolved);
      const components = resolved
        .filter((l) => l.picked.code.trim())
        .map((l) => {
          if (!l.picked.item) throw new Error(pt('production.unknownItem', { code: l.picked.code }));
          const gross = parseQuantity(l.gross);
          const loss = l.loss.trim() ? parseQuantity(l.loss)?.replace(/\.?0+$/, '') : undefined;
          return { itemId: Number(l.picked.item.id), kind: l.kind, ...(gross ? { grossQuantity: gross } : {}), ...(loss ? { lossPercent: loss } : {}) };
        });
      const overheadMinor = overhead.trim() ? parseMoneyMinor(overhead) : 0;
      const r = await api<{ version: RecipeVersion }>(`/api/v1/production/recipes/${itemId}`, {
        body: { validFrom, outputQuantity: parseQuantity(outputQuantity) ?? outputQuantity, overheadMinor: overheadMinor ?? 0, note: note.trim() || null, components },
      });
      setSaved(r.version.version);
      setVersion(r.version.version);
      setTick((n) => n + 1);
    } catch (e) {
      setSaveError(e);
    }
  }

  return (
    <section className="production recipe">
      <h1>
        {pt('production.recipes')}: {data ? `${data.item.code} ${data.item.name}` : ''}
      </h1>
      <ProductionTabs current="/production/recipes" />
      <ErrorBox error={error} />
      {data && data.versions.length > 0 ? (
        <>
          <div className="filters versions" role="group" aria-label={pt('production.versions')}>
            {data.versions.map((v) => (
              <button key={v.version} type="button" className={current?.version === v.version ? 'active' : ''} onClick={() => setVersion(v.version)}>
                {pt('production.version')} {v.version} · {date(v.validFrom)}
              </button>
            ))}
            <select aria-label={t('field.warehouse')} value={warehouseId} onChange={(e) => setWarehouseId(e.target.value)}>
              {refs.warehouses.map((w) => (
                <option key={String(w.id)} value={String(w.id)}>
                  {w.code} · {w.name}
                </option>
              ))}
            </select>
            {current ? (
              <a href={`/api/v1/production/recipes/${itemId}/tech-card${query({ version: current.version, warehouseId, date: today() })}`} target="_blank" rel="noreferrer">
                {pt('production.techCard')}
              </a>
            ) : null}
          </div>
          {current ? (
            <>
              <p>
                {pt('production.validFrom')} {date(current.validFrom)} · {pt('production.yield')} {qty(current.outputQuantity)} {data.item.unit}
                {current.note ? ` · ${current.note}` : ''}
              </p>
              <ErrorBox error={cost.error} />
              <table className="grid recipe-version">
                <thead>
                  <tr>
                    <th>{pt('production.component')}</th>
                    <th>{pt('production.kind')}</th>
                    <th className="num">{pt('production.gross')}</th>
                    <th className="num">{pt('production.net')}</th>
                    <th className="num">{pt('production.loss')}</th>
                    <th className="num">{pt('production.unitCost')}</th>
                    <th className="num">{pt('production.cost')}</th>
                  </tr>
                </thead>
                <tbody>
                  {(cost.data?.lines ?? []).map((l, i) => (
                    <tr key={i}>
                      <td>
                        {l.itemCode} {l.itemName}
                      </td>
                      <td>{pt(`production.kind.${l.kind}`)}</td>
                      <td className="num">
                        {qty(l.grossQuantity)} {l.unit}
                      </td>
                      <td className="num">{qty(l.netQuantity)}</td>
                      <td className="num">{qty(l.lossPercent)}</td>
                      <td className="num">{unitMoney(l.unitCostMinor, currency)}</td>
                      <td className="num">{unitMoney(l.costMinor, currency)}</td>
                    </tr>
                  ))}
                </tbody>
                {cost.data ? (
                  <tfoot>
                    <tr>
                      <th colSpan={6}>{pt('production.batchCost')}</th>
                      <th className="num batch-cost">{money(cost.data.totalMinor, currency)}</th>
                    </tr>
                    <tr>
                      <td colSpan={6}>{pt('production.costPerUnit')}</td>
                      <td className="num unit-cost">{unitMoney(cost.data.unitCostMinor, currency)}</td>
                    </tr>
                  </tfoot>
                ) : null}
              </table>
              {cost.data && cost.data.missingCosts.length ? <p className="hint">{pt('production.missingCosts', { count: cost.data.missingCosts.length })}</p> : null}
              <button type="button" onClick={() => startFrom(current)}>
                {pt('production.editFrom')}
              </button>
            </>
          ) : null}
        </>
      ) : null}

      <h2>{pt('production.saveVersion')}</h2>
      <form
        className="form wide recipe-editor"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <div className="row">
          <label>
            {pt('production.validFrom')} <input type="date" name="validFrom" value={validFrom} onChange={(e) => setValidFrom(e.target.value)} />
          </label>
          <label>
            {pt('production.yield')} <input name="outputQuantity" inputMode="decimal" value={outputQuantity} onChange={(e) => setOutputQuantity(e.target.value)} />
          </label>
          <label>
            {pt('production.overhead')} <input name="overhead" inputMode="decimal" value={overhead} onChange={(e) => setOverhead(e.target.value)} />
          </label>
          <label>
            {pt('production.note')} <input name="note" value={note} onChange={(e) => setNote(e.target.value)} />
          </label>
        </div>
        <table className="grid">
          <thead>
            <tr>
              <th>{pt('production.component')}</th>
              <th>{pt('production.kind')}</th>
              <th>{pt('production.gross')}</th>
              <th>{pt('production.loss')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {lines.map((l, i) => (
              <tr key={l.key} data-line={i}>
                <td>
                  <ItemCodeField label={`${pt('production.component')} ${i + 1}`} value={l.picked} onChange={(picked) => update(l.key, { picked })} />
                </td>
                <td>
                  <select aria-label={`${pt('production.kind')} ${i + 1}`} value={l.kind} onChange={(e) => update(l.key, { kind: e.target.value as Kind })}>
                    {KINDS.map((k) => (
                      <option key={k} value={k}>
                        {pt(`production.kind.${k}`)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <input aria-label={`${pt('production.gross')} ${i + 1}`} name="gross" inputMode="decimal" value={l.gross} onChange={(e) => update(l.key, { gross: e.target.value })} />
                </td>
                <td>
                  <input aria-label={`${pt('production.loss')} ${i + 1}`} name="loss" inputMode="decimal" value={l.loss} onChange={(e) => update(l.key, { loss: e.target.value })} />
                </td>
                <td>
                  <button type="button" onClick={() => setLines((ls) => ls.filter((x) => x.key !== l.key))}>
                    {t('common.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="actions">
          <button type="button" onClick={() => setLines((ls) => [...ls, emptyLine()])}>
            {pt('production.addComponent')}
          </button>
          <button type="submit">{pt('production.saveVersion')}</button>
        </div>
        <ErrorBox error={saveError} />
        {saved !== null ? (
          <p className="ok" role="status">
            {pt('production.savedVersion', { version: saved })}
          </p>
        ) : null}
      </form>
    </section>
  );
}
