// Settings documents sealed whole: each value is written as one envelope of its JSON and read
// back as the document. The decorator knows nothing of the documents' shapes, so key records may
// change freely. Revisions (read/swap) are the backend's hash of the stored envelope and pass
// through untouched. A document stored in clear (before sealing existed) reads as it is.
import type { Sealer } from '../../secrets/Sealer.js';
import type { SettingStore } from '../Store.js';

/** The authenticated context of a document: its envelope opens only under this name. */
export const settingContext = (name: string) => `setting:${name}`;

export function sealedSettings(settings: SettingStore, sealer: Sealer): SettingStore {
  const seal = (name: string, value: unknown) => sealer.seal(JSON.stringify(value), settingContext(name));
  const open = <T>(name: string, stored: unknown): T =>
    (sealer.isSealed(stored) ? JSON.parse(sealer.unseal(stored, settingContext(name))) : stored) as T;

  // Every method is listed, so a method added to SettingStore fails to compile here until it seals.
  return {
    async get<T>(name: string) {
      const stored = await settings.get<unknown>(name);
      return stored === undefined ? undefined : open<T>(name, stored);
    },
    async read<T>(name: string) {
      const stored = await settings.read<unknown>(name);
      return stored && { value: open<T>(name, stored.value), revision: stored.revision };
    },
    swap(name, revision, value) {
      return settings.swap(name, revision, seal(name, value));
    },
    async initialize<T>(name: string, value: T) {
      return open<T>(name, await settings.initialize<unknown>(name, seal(name, value)));
    },
    put(name, value) {
      return settings.put(name, seal(name, value));
    },
  };
}
