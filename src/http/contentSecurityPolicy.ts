// The Content-Security-Policy of every response. Pages load nothing but our own stylesheet and
// scripts (the passkey pages' files; nothing inline, except oidc-provider's form_post auto-submit
// script, whose hash it adds to script-src), cannot be framed, and may only submit forms to us and
// to the places a form's redirects lead (browsers check form-action on every redirect of a form
// submission).

export function contentSecurityPolicy(formTargets: readonly string[] = []): string {
  const formAction = ["'self'", ...new Set(formTargets)].join(' ');
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `form-action ${formAction}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
}

/** The origin of a URL, or nothing when it is not an http(s) URL. */
export function originOf(url: unknown): string[] {
  if (typeof url !== 'string') return [];
  try {
    const { origin, protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:' ? [origin] : [];
  } catch {
    return [];
  }
}
