// The settings documents that hold secrets: the ones checked at startup and resealed by
// `ostiary secrets reseal`. (Every settings document is sealed on write; SettingStore cannot list
// names, so the ones to visit are named here. Add a new secret-bearing document to this list.)
import { COOKIE_KEYS_SETTING, SIGNING_KEYS_SETTING } from '../../keys/SigningKeyRecord.js';
import { HASH_KEY_SETTING } from '../hashed/loadHashKey.js';

export const SEALED_SETTING_NAMES: readonly string[] = [SIGNING_KEYS_SETTING, COOKIE_KEYS_SETTING, HASH_KEY_SETTING];
