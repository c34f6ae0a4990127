// Decorates a store so every call is timed and every failure counted (Metrics.storeCall), by
// operation: `artifacts.find`, `accounts.update`, ... Applied only when metrics are on, outermost,
// so a call is measured as the server waits for it (hashing and sealing included).
import type { Store } from '../store/Store.js';
import type { Metrics } from './Metrics.js';

const PARTS = ['artifacts', 'accounts', 'clients', 'resources', 'settings', 'limits'] as const;

/** The methods of an object, its prototype's included (a backend may be a class). */
function methodNames(object: object): string[] {
  const names = new Set<string>();
  for (let at: object | null = object; at && at !== Object.prototype; at = Object.getPrototypeOf(at)) {
    for (const name of Object.getOwnPropertyNames(at)) {
      if (name !== 'constructor' && typeof (object as Record<string, unknown>)[name] === 'function') names.add(name);
    }
  }
  return [...names];
}

function measured<T extends object>(part: T, prefix: string, metrics: Metrics): T {
  const wrapped: Record<string, unknown> = {};
  for (const name of methodNames(part)) {
    const method = (part as Record<string, (...args: unknown[]) => unknown>)[name] as (...args: unknown[]) => unknown;
    const operation = `${prefix}.${name}`;
    wrapped[name] = (...args: unknown[]) => {
      const started = performance.now();
      const done = (failed: boolean) => metrics.storeCall(operation, (performance.now() - started) / 1000, failed);
      let result: unknown;
      try {
        result = method.apply(part, args);
      } catch (error) {
        done(true);
        throw error;
      }
      if (!(result instanceof Promise)) {
        done(false);
        return result;
      }
      return result.then(
        (value) => {
          done(false);
          return value;
        },
        (error: unknown) => {
          done(true);
          throw error;
        },
      );
    };
  }
  return wrapped as T;
}

export function measuredStore(store: Store, metrics: Metrics): Store {
  const parts = Object.fromEntries(PARTS.map((name) => [name, measured(store[name], name, metrics)]));
  return {
    ...store,
    ...parts,
    ping: store.ping.bind(store),
    close: store.close.bind(store),
  } as Store;
}
