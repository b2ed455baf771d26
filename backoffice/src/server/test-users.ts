// Test users for the warehouse flows: an admin, a storekeeper who receives and counts, a manager who approves and
// posts stocktakes (password = user name).
import type { Db } from '@kasa/db';
import { addUser } from '../auth/users';

export async function seedWarehouseUsers(db: Db): Promise<void> {
  const storekeeper = ['receiving.edit', 'receiving.post', 'supplier_order.view', 'stocktake.edit', 'transfer.edit', 'transfer.dispatch', 'transfer.post'];
  const manager = [...storekeeper, 'supplier_order.edit', 'supplier_order.post', 'receiving.approve', 'supplier_return.edit', 'supplier_return.post', 'stocktake.post', 'surplus.post', 'shortage.post'];
  for (const [code, rights] of [['admin', ['*']], ['storekeeper', storekeeper], ['manager', manager]] as const) {
    const g = await db.kysely.insertInto('user_groups').values({ code, name: code }).returning('id').executeTakeFirstOrThrow();
    await db.kysely.insertInto('group_rights').values(rights.map((r) => ({ group_id: Number(g.id), right_code: r }))).execute();
    await addUser(db, { username: code, name: code, password: code, group: code, language: 'en' });
  }
}
