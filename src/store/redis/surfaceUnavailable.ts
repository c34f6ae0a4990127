// The one place where Redis failures are translated: wraps every method of a store part so a
// connection or timeout error rejects with StoreUnavailableError. Our own errors (DuplicateError,
// RangeError) and Redis replies that reveal a bug pass through unchanged.
import { toStoreError } from './toStoreError.js';

type Methods = Record<string, (...args: never[]) => Promise<unknown>>;

export function surfaceUnavailable<T extends object>(part: T): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(part as Methods)) {
    wrapped[name] = async (...args: never[]) => {
      try {
        return await method.apply(part, args);
      } catch (error) {
        throw toStoreError(error);
      }
    };
  }
  return wrapped as T;
}
