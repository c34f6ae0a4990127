// Run when a store opens: each secret-bearing settings document is opened once, so a wrong
// OSTIARY_SECRET stops startup (and every `ostiary` command) with a ConfigError naming it, rather
// than failing later inside a request. Returns the documents still stored in clear.
import { ConfigError } from '../../config/ConfigError.js';
import { SealError } from '../../secrets/SealError.js';
import type { Sealer } from '../../secrets/Sealer.js';
import type { SettingStore } from '../Store.js';
import { SEALED_SETTING_NAMES } from './sealedSettingNames.js';
import { settingContext } from './sealedSettings.js';

/**
 * @param raw the backend's settings, not the sealed decorator: this looks at what is stored
 * @param source where the secrets came from ('OSTIARY_SECRET' or the development secret's path)
 */
export async function checkSealedSettings(raw: SettingStore, sealer: Sealer, source: string): Promise<string[]> {
  const inClear: string[] = [];
  for (const name of SEALED_SETTING_NAMES) {
    const stored = await raw.get<unknown>(name);
    if (stored === undefined) continue;
    if (!sealer.isSealed(stored)) {
      inClear.push(name);
      continue;
    }
    try {
      sealer.unseal(stored, settingContext(name));
    } catch (error) {
      if (!(error instanceof SealError) || error.code !== 'unknown_secret') throw error;
      const tried =
        source === 'OSTIARY_SECRET' ? '' : ` (OSTIARY_SECRET is not set; tried the development secret in ${source})`;
      throw new ConfigError(
        'OSTIARY_SECRET',
        `none of the OSTIARY_SECRET values opens the stored keys: add the secret they were sealed with${tried}`,
      );
    }
  }
  return inClear;
}
