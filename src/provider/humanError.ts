// What a person reads when a request cannot go on and cannot be sent back to its application
// (oidc-provider's error page): a sentence about what happened and what to do, for each OAuth error
// that ends here. The protocol's own words stay on the page, under "For the application's
// developers", with the error code.
import { type Message, text } from '../i18n/translator.js';

const SENTENCES: Readonly<Record<string, Message>> = {
  invalid_client: text('oauth.invalid_client'),
  invalid_redirect_uri: text('oauth.invalid_redirect_uri'),
  invalid_request: text('oauth.invalid_request'),
  invalid_scope: text('oauth.invalid_scope'),
  invalid_target: text('oauth.invalid_target'),
  unauthorized_client: text('oauth.unauthorized_client'),
  unsupported_response_type: text('oauth.unsupported_response_type'),
  request_not_supported: text('oauth.request_not_supported'),
  login_required: text('oauth.login_required'),
  access_denied: text('oauth.access_denied'),
  temporarily_unavailable: text('oauth.temporarily_unavailable'),
  server_error: text('oauth.server_error'),
};

export function humanError(error: string): Message {
  return Object.hasOwn(SENTENCES, error) ? (SENTENCES[error] as Message) : text('oauth.other');
}
