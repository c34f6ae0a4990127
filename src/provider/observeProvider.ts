// What the provider's own events tell the operator (oidc-provider emits them synchronously, with
// the request's Koa context): the OAuth error a request ended with (its log line), tokens issued
// and token endpoint refusals (metrics), a reused refresh token (a warning, an audit line, and a
// count), a client revoking a token (audit), and unexpected errors (the log, with the request id).
import Provider, { type errors, type KoaContextWithOIDC } from 'oidc-provider';
import type { Logger } from 'pino';
import type { Audit } from '../audit/Audit.js';
import { auditFacts, requestContextOf } from '../http/requestContext.js';
import type { Metrics } from '../metrics/Metrics.js';

type OAuthError = InstanceType<typeof errors.OIDCProviderError>;

/** oidc-provider's `<route>.error` events (lib/helpers/initialize_app.js), for the routes we enable. */
const ERROR_EVENTS = [
  'authorization.error',
  'grant.error',
  'userinfo.error',
  'introspection.error',
  'revocation.error',
  'end_session.error',
  'end_session_confirm.error',
  'end_session_success.error',
  'jwks.error',
  'discovery.error',
  'registration_create.error',
  'registration_read.error',
  'registration_update.error',
  'registration_delete.error',
] as const;

/** oidc-provider's detail (not sent) for a refresh token used again (lib/actions/grants/refresh_token.js). */
const REUSED = 'refresh token already used';

/** Tokens a client may revoke; each emits `<kind>.destroyed` with the token. */
const REVOCABLE = ['access_token', 'refresh_token', 'client_credentials'] as const;

export interface ProviderObservers {
  readonly audit: Audit;
  readonly metrics: Metrics;
  readonly logger: Logger;
}

export function observeProvider(provider: Provider, { audit, metrics, logger }: ProviderObservers): void {
  // The event map types each name on its own; these loops name several.
  const on = provider.on.bind(provider) as (event: string, listener: (...args: never[]) => void) => void;
  const failed = (ctx: KoaContextWithOIDC, error: OAuthError) => {
    const context = requestContextOf(ctx.req);
    if (context) context.error = error.error;
  };
  for (const event of ERROR_EVENTS) on(event, failed);

  provider.on('grant.error', (ctx: KoaContextWithOIDC, error: OAuthError) => {
    metrics.tokenError(error.error);
    if (error.error !== 'invalid_grant' || (error as { error_detail?: string }).error_detail !== REUSED) return;
    const facts = auditFacts(requestContextOf(ctx.req));
    const grantId = ctx.oidc?.entities.RefreshToken?.grantId;
    logger.warn({ ...facts, grantId }, 'refresh token reused: its grant was revoked');
    audit.record({
      event: 'refresh_token.reused',
      outcome: 'failure',
      reason: 'grant_revoked',
      ...facts,
      ...(grantId ? { details: { grantId } } : {}),
    });
  });

  provider.on('grant.success', (ctx: KoaContextWithOIDC) => {
    const grantType = ctx.oidc.params?.grant_type;
    const clientId = ctx.oidc.client?.clientId;
    if (typeof grantType === 'string' && clientId) metrics.tokenIssued(grantType, clientId);
  });

  for (const kind of REVOCABLE) {
    on(`${kind}.destroyed`, (token: { grantId?: string; accountId?: string }) => {
      const ctx = Provider.ctx;
      if (ctx?.oidc?.route !== 'revocation') return; // a rotation or a reuse, not a client's request
      const facts = auditFacts(requestContextOf(ctx.req));
      audit.record({
        event: 'token.revoked',
        outcome: 'success',
        ...facts,
        accountId: token.accountId ?? facts.accountId,
        details: { kind, ...(token.grantId ? { grantId: token.grantId } : {}) },
      });
    });
  }

  // Dynamic registration (REGISTRATION): audited as the operator's own changes are, by who made them.
  const registered =
    (event: 'client.created' | 'client.updated' | 'client.removed') =>
    (ctx: KoaContextWithOIDC, client: { clientId: string }) => {
      const facts = auditFacts(requestContextOf(ctx.req));
      audit.record({
        event,
        outcome: 'success',
        ...facts,
        clientId: client.clientId,
        actor: event === 'client.created' ? 'registration' : `client:${client.clientId}`,
      });
    };
  on('registration_create.success', registered('client.created'));
  on('registration_update.success', registered('client.updated'));
  on('registration_delete.success', registered('client.removed'));

  provider.on('server_error', (ctx: KoaContextWithOIDC | undefined, error: Error) => {
    const context = requestContextOf(ctx?.req);
    if (context) context.error = 'server_error';
    logger.error({ requestId: context?.requestId, err: error }, 'provider error');
  });
}
