// How `resource update` and `resource remove` say that clients still rely on what they would drop.
import type { Problem } from '../admin/Problem.js';
import { UsageError } from './errors.js';

export function resourceInUse(problem: Problem): UsageError {
  const flag = problem.errors[0]?.field === 'scope' ? 'scope' : 'resource';
  return new UsageError('--force', `${problem.detail} (ostiary client update ID --${flag} ...), or pass --force`);
}
