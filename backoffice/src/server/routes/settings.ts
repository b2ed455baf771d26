// Company settings: price tolerance, stocktake duplicate policy, the label printer's bridge. Everyone signed in
// reads them (the UI needs them); changing them takes the right settings.edit.

import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { assertRight, hasRight } from '@kasa/domain';
import { readSettings, writeSettings } from '@kasa/db';
import type { RouteContext } from '../app';

const SettingsBody = Type.Record(Type.String({ maxLength: 100 }), Type.String({ maxLength: 500 }));

export function registerSettingsRoutes(app: FastifyInstance, { db, requireUser }: RouteContext): void {
  app.get('/api/v1/settings', { schema: { tags: ['settings'], summary: 'Company settings with their defaults filled in (the bridge token only for settings.edit)' } }, async (req) => {
    const actor = requireUser(req);
    const settings = await readSettings(db.kysely);
    // The store server prints labels itself; only those who may change the token get to see it.
    if (!hasRight(actor.rights, 'settings.edit') && settings['labels.bridge_token']) settings['labels.bridge_token'] = '********';
    return { settings };
  });
  app.put('/api/v1/settings', { schema: { tags: ['settings'], summary: 'Change settings (only the keys sent)', body: SettingsBody } }, async (req) => {
    const actor = requireUser(req);
    assertRight(actor.rights, 'settings.edit');
    return { settings: await writeSettings(db, req.body as Static<typeof SettingsBody>) };
  });
}
