// What a person reads when a request cannot go on and cannot be sent back to its application
// (oidc-provider's error page): a sentence about what happened and what to do, for each OAuth error
// that ends here. The protocol's own words stay on the page, under "For the application's
// developers", with the error code.

const SENTENCES: Readonly<Record<string, string>> = {
  invalid_client: 'This application is not known here, or is not allowed to sign people in. Tell its developers.',
  invalid_redirect_uri:
    'This application asked to return to an address it did not register. Tell its developers; going back to it may not help.',
  invalid_request:
    'The application sent a sign-in request that is incomplete or not valid. Go back to it and try again; if it happens again, tell its developers.',
  invalid_scope: 'The application asked for a permission that does not exist here. Tell its developers.',
  invalid_target: 'The application asked for access to a service it may not use. Tell its developers.',
  unauthorized_client: 'This application may not sign people in this way. Tell its developers.',
  unsupported_response_type:
    'The application asked to sign in in a way this provider does not offer. Tell its developers.',
  request_not_supported:
    'The application sent its request in a form this provider does not accept. Tell its developers.',
  login_required: 'You are signed out. Go back to the application and sign in again.',
  access_denied: 'The sign-in was cancelled.',
  temporarily_unavailable: 'The sign-in service is busy right now. Try again in a moment.',
  server_error: 'Something went wrong on our side. Try again in a moment.',
};

const FALLBACK = 'This request cannot go on. Go back to the application and try again.';

export function humanError(error: string): string {
  return Object.hasOwn(SENTENCES, error) ? (SENTENCES[error] as string) : FALLBACK;
}
