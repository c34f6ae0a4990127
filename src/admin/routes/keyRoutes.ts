// /admin/v1/keys: signing keys and cookie secrets, public facts only. A rotation here takes this
// server's own KEY_PROPAGATION (a rotation from a shell would take that shell's).
import { z } from 'zod';
import { announceKeys } from '../../keys/announceKeys.js';
import { listKeys } from '../../keys/listKeys.js';
import { promoteKey } from '../../keys/promoteKey.js';
import { adminRoute } from '../AdminRoute.js';
import { Problem } from '../Problem.js';
import { AnnouncedKeys, Id, KeyList, KeyRotation } from '../schemas.js';

export const keyRoutes = {
  list: adminRoute({
    method: 'get',
    path: '/keys',
    summary: 'List signing keys and cookie secrets with their states and next transitions',
    tag: 'keys',
    scope: 'admin:read',
    response: { status: 200, schema: KeyList, description: 'the keys' },
    async handle(_input, { store }) {
      return { keys: await listKeys(store) };
    },
  }),
  rotate: adminRoute({
    method: 'post',
    path: '/keys/rotate',
    summary: 'Announce new keys: published now, signing after KEY_PROPAGATION',
    tag: 'keys',
    scope: 'admin:write',
    body: KeyRotation,
    response: { status: 201, schema: AnnouncedKeys, description: 'the keys announced' },
    async handle({ body }, { store, config, change }) {
      const announced = await announceKeys(store, config, body, change);
      return { keys: announced.map((key) => ({ ...key, activatesAt: new Date(key.activatesAt).toISOString() })) };
    },
  }),
  promote: adminRoute({
    method: 'post',
    path: '/keys/{kid}/promote',
    summary: 'Make a next key (or cookie secret) current now',
    tag: 'keys',
    scope: 'admin:write',
    params: z.object({ kid: Id }),
    response: { status: 200, schema: z.object({ kid: z.string(), kind: z.string() }), description: 'promoted' },
    problems: [404],
    async handle({ params }, { store, config, change }) {
      const kind = await promoteKey(store, config, params.kid, change);
      if (!kind) throw new Problem('not_found', `no next key with id ${params.kid}`);
      return { kid: params.kid, kind };
    },
  }),
};
