// Re-encrypts every sealed value under the first master secret, so older secrets can then be
// removed from OSTIARY_SECRET. Reading through the sealed store opens a value with whichever
// secret sealed it; writing it back seals it under the first. Values still in clear get sealed.
import { type Change, recordChange } from '../../audit/Change.js';
import type { SettingStore, Store } from '../Store.js';
import { SEALED_SETTING_NAMES } from './sealedSettingNames.js';

export interface Resealed {
  /** Settings documents rewritten. */
  readonly settings: number;
  /** Client secrets rewritten (public clients have none). */
  readonly clients: number;
  /** TOTP secrets rewritten. */
  readonly accounts: number;
}

const ATTEMPTS = 5; // a document changes only on a key transition: a retry or two is plenty

/**
 * Compare-and-swap, so a key rotation a running server makes at the same moment is not undone:
 * if the document changed between read and write, read it again.
 */
async function resealSetting(settings: SettingStore, name: string): Promise<boolean> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const current = await settings.read<unknown>(name);
    if (!current) return false;
    if (await settings.swap(name, current.revision, current.value)) return true;
  }
  throw new Error(`the settings document ${name} kept changing while it was resealed; run the command again`);
}

/** `store` must be the sealed store (as createStore returns it). */
export async function resealStore(store: Store, change: Change): Promise<Resealed> {
  let settings = 0;
  for (const name of SEALED_SETTING_NAMES) {
    if (await resealSetting(store.settings, name)) settings++;
  }
  let clients = 0;
  for (const { client_id } of await store.clients.list()) {
    // Read again just before writing, so a client removed meanwhile is not brought back.
    const client = await store.clients.get(client_id);
    if (typeof client?.client_secret !== 'string') continue;
    await store.clients.put(client);
    clients++;
  }
  let accounts = 0;
  for (const { accountId } of await store.accounts.list()) {
    const account = await store.accounts.findById(accountId);
    if (!account?.factors?.totp) continue;
    await store.accounts.update(accountId, { factors: account.factors });
    accounts++;
  }
  recordChange(change, { event: 'secrets.resealed', details: { settings, clients, accounts } });
  return { settings, clients, accounts };
}
