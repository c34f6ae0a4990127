// Says a refused change (a 409 conflict problem) the command's way: with the flag and the next
// step to take. Every other failure passes through.
import { Problem } from '../admin/Problem.js';
import type { UsageError } from './errors.js';

export async function onConflict<T>(call: Promise<T>, say: (problem: Problem) => UsageError): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof Problem && error.kind === 'conflict') throw say(error);
    throw error;
  }
}
