// How an error appears in a log line: its class, message and code, and for an AggregateError
// (what a refused connection to "localhost" is, one attempt per address family, with an empty
// message of its own) the errors inside it. Stacks only for errors we did not expect, so an outage
// logs one readable line, not `{"type":"Object","stack":""}`.

export interface DescribedError {
  readonly type: string;
  readonly message: string;
  readonly code?: string;
  readonly errors?: readonly DescribedError[];
  readonly stack?: string;
}

const MAX_NESTED = 4; // an AggregateError of AggregateErrors is not worth a longer line

function describe(error: unknown, depth: number, withStack: boolean): DescribedError {
  if (!(error instanceof Error)) {
    return { type: typeof error, message: String(error) };
  }
  const code = (error as { code?: unknown }).code;
  const inner =
    error instanceof AggregateError && depth < MAX_NESTED
      ? error.errors.map((each: unknown) => describe(each, depth + 1, false))
      : undefined;
  const message = error.message || inner?.map((each) => each.message).join('; ') || '(no message)';
  return {
    type: error.name,
    message,
    ...(typeof code === 'string' ? { code } : {}),
    ...(inner ? { errors: inner } : {}),
    ...(withStack && error.stack ? { stack: error.stack } : {}),
  };
}

/** For a log line. `expected` errors (an outage, a refusal) leave their stack out. */
export function describeError(error: unknown, { expected = false } = {}): DescribedError {
  return describe(error, 0, !expected);
}
