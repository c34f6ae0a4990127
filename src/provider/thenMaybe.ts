// Continues with `value` at once when it is a plain value, and only after it settles when it is a
// promise. oidc-provider awaits what its hooks return either way; on its hot paths (a token
// request) a plain value spares a promise, which on Node 20 costs more than the work, because
// oidc-provider's AsyncLocalStorage hooks every promise.

export function thenMaybe<T, R>(value: T | Promise<T>, next: (resolved: T) => R | Promise<R>): R | Promise<R> {
  return value instanceof Promise ? value.then(next) : next(value);
}
