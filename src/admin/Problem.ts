// An admin API error as RFC 9457 problem details (application/problem+json): a stable `type` per
// kind of problem, its `title`, the HTTP `status`, a `detail` for this occurrence, and for invalid
// input the fields at fault (`errors`, each naming its JSON member).

export interface FieldProblem {
  /** The member at fault: `email`, `redirect_uris`, `scope`, or a path such as `query.limit`. */
  readonly field: string;
  readonly message: string;
}

const TITLES = {
  invalid_request: 'The request is not valid',
  unauthorized: 'A valid admin access token is required',
  forbidden: 'The access token lacks the scope this operation needs',
  not_found: 'No such resource',
  method_not_allowed: 'This path does not answer that method',
  conflict: 'The request conflicts with what exists',
  unsupported_media_type: 'The body must be JSON',
  unavailable: 'The store is unavailable; try again in a moment',
} as const;

export type ProblemKind = keyof typeof TITLES;

export const isProblemKind = (value: string): value is ProblemKind => Object.hasOwn(TITLES, value);

const STATUS: Record<ProblemKind, number> = {
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  unsupported_media_type: 415,
  unavailable: 503,
};

/** Each kind of problem is a URN (a URI that names, RFC 9457 3.1.1); the docs list them. */
export const PROBLEM_TYPE_BASE = 'urn:ostiary:problem:';

export class Problem extends Error {
  readonly status: number;

  constructor(
    readonly kind: ProblemKind,
    readonly detail: string,
    readonly errors: readonly FieldProblem[] = [],
  ) {
    super(detail);
    this.name = 'Problem';
    this.status = STATUS[kind];
  }

  toJSON() {
    return {
      type: `${PROBLEM_TYPE_BASE}${this.kind}`,
      title: TITLES[this.kind],
      status: this.status,
      detail: this.detail,
      ...(this.errors.length ? { errors: this.errors } : {}),
    };
  }
}
