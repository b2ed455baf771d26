// Reference data every document screen needs: warehouses and partners by id, items by scanned code.
import { api, query } from '../../api/client';
import type { Item, Partner, Warehouse } from '../../api/types';
import { useApi } from '../../shared/useApi';

export function useReferences() {
  const w = useApi<{ warehouses: Warehouse[] }>('/api/v1/warehouses');
  const p = useApi<{ partners: Partner[] }>('/api/v1/partners');
  const warehouses = w.data?.warehouses ?? [];
  const partners = p.data?.partners ?? [];
  const warehouseName = (id: unknown) => warehouses.find((x) => String(x.id) === String(id))?.name ?? (id == null ? '' : String(id));
  const partnerName = (id: unknown) => partners.find((x) => String(x.id) === String(id))?.name ?? (id == null ? '' : String(id));
  return { warehouses, partners, warehouseName, partnerName, error: w.error ?? p.error };
}

/** What a scanner or a person typed → the item whose code or barcode it is (exact match first). */
export async function findItemByCode(code: string): Promise<Item | null> {
  const c = code.trim();
  if (!c) return null;
  const r = await api<{ items: Item[] }>(`/api/v1/items${query({ q: c, limit: 20 })}`);
  const exact = r.items.find((i) => i.code === c || i.barcodes.includes(c));
  if (exact) return exact;
  return r.items.length === 1 ? r.items[0]! : null;
}
