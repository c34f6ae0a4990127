// Development only: with no OSTIARY_SECRET, one master secret is generated on the first start and
// kept beside the embedded store in DATA_DIR/ostiary.secret (mode 0600), so a restart, and the
// `ostiary` command run on the same DATA_DIR, seal and open with the same secret.
import { randomBytes } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../config/ConfigError.js';
import { generateMasterSecret, masterSecretProblem } from './masterSecret.js';

export const DEVELOPMENT_SECRET_FILE = 'ostiary.secret';

export interface DevelopmentSecret {
  readonly secret: string;
  readonly path: string;
  /** True when this call created the file. */
  readonly generated: boolean;
}

/**
 * Creates the file only if it does not exist: the secret is written to a private temporary file
 * and hard-linked into place, which fails when another process got there first. A reader thus
 * never sees a half-written file, and processes starting together agree on one secret.
 */
function createOnce(path: string): boolean {
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temporary, `${generateMasterSecret()}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(temporary, 0o600); // whatever the umask says
  try {
    linkSync(temporary, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(temporary);
  }
}

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** With `create: false` a missing file is a ConfigError and nothing is written. */
export function loadDevelopmentSecret(dataDir: string, { create = true } = {}): DevelopmentSecret {
  const path = join(dataDir, DEVELOPMENT_SECRET_FILE);
  if (!create && read(path) === undefined) {
    throw new ConfigError(
      'OSTIARY_SECRET',
      `is not set and there is no development secret in ${path}: set it to the secret the server uses`,
    );
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const existing = read(path);
  const generated = existing === undefined && createOnce(path);
  const secret = existing ?? (read(path) as string);
  const problem = masterSecretProblem(secret);
  if (problem) {
    throw new ConfigError(
      'OSTIARY_SECRET',
      `is not set, and the development secret in ${path} ${problem}: restore that file or set OSTIARY_SECRET`,
    );
  }
  return { secret, path, generated };
}
