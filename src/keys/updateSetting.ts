// Read-modify-write of a settings document with compare-and-swap, retried when another instance
// (or the CLI) changed it in between. `change` returns undefined when there is nothing to do.
import type { Store } from '../store/Store.js';

const ATTEMPTS = 5; // contention is between a handful of instances on a rare event

export async function updateSetting<T>(
  store: Pick<Store, 'settings'>,
  name: string,
  change: (current: T) => Promise<T | undefined> | T | undefined,
): Promise<T | undefined> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const current = await store.settings.read<T>(name);
    if (!current) return undefined;
    const next = await change(current.value);
    if (next === undefined) return undefined;
    if (await store.settings.swap(name, current.revision, next)) return next;
  }
  throw new Error(`${name} kept changing under us; try again`);
}
