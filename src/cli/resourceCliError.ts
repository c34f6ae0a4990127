// How the CLI says a ResourceError: the flag at fault (exit 2), or a missing API (exit 1).
import { ResourceError, type ResourceField } from '../resources/ResourceError.js';
import { NotFoundError, UsageError } from './errors.js';

const FLAGS: Record<ResourceField, string> = { id: '--id', scope: '--scope', ttl: '--ttl' };

export function resourceCliError(error: unknown): unknown {
  if (!(error instanceof ResourceError)) return error;
  switch (error.code) {
    case 'not_found':
      return new NotFoundError(error.message);
    case 'taken':
      return new UsageError(FLAGS[error.field], `${error.message} (ostiary resource remove it first)`);
    case 'in_use':
      return new UsageError(
        '--force',
        `${error.message} (ostiary client update ID --${error.field === 'scope' ? 'scope' : 'resource'} ...), or pass --force`,
      );
    case 'invalid':
      return new UsageError(FLAGS[error.field], error.message);
  }
}
