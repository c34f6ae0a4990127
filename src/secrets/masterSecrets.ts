// The master secrets a store is sealed with: OSTIARY_SECRET, or in development (where loadConfig
// allows it to be missing) the generated secret in DATA_DIR, with one loud warning per start.
import type { Logger } from 'pino';
import type { AppConfig } from '../config/AppConfig.js';
import { ConfigError } from '../config/ConfigError.js';
import { loadDevelopmentSecret } from './developmentSecret.js';

export interface MasterSecrets {
  readonly secrets: readonly string[];
  /** Where they came from, for messages: 'OSTIARY_SECRET' or the development secret's path. */
  readonly source: string;
}

export function masterSecrets(config: AppConfig, logger?: Logger, { create = true } = {}): MasterSecrets {
  if (config.secrets) return { secrets: config.secrets, source: 'OSTIARY_SECRET' };
  if (config.production) {
    // loadConfig refuses this already; kept so no other path can seal with a generated secret.
    throw new ConfigError('OSTIARY_SECRET', 'required when NODE_ENV=production');
  }
  const { secret, path, generated } = loadDevelopmentSecret(config.dataDir, { create });
  logger?.warn(
    { path },
    `OSTIARY_SECRET is not set: ${generated ? 'generated' : 'using'} a development secret in ${path}; ` +
      'production MUST set OSTIARY_SECRET',
  );
  return { secrets: [secret], source: path };
}
