// Discovery promises only what is proven: every feature, method and algorithm it advertises is
// listed here with the test that exercises it, and the document advertises nothing else. A new
// capability (or one oidc-provider turns on by itself) fails this test until it has its own.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import test from 'ava';
import { world } from '../helpers/world.js';

const proofOf = (file: string) => fileURLToPath(new URL(`../${file}`, import.meta.url));

/** Each advertised value, with the test that proves it. */
const PROVEN: Record<string, Record<string, string>> = {
  grant_types_supported: {
    authorization_code: 'oauth/codeFlow.test.ts',
    refresh_token: 'oauth/singleUse.test.ts',
    client_credentials: 'oauth/clientCredentials.test.ts',
    'urn:ietf:params:oauth:grant-type:device_code': 'oauth/deviceFlow.test.ts',
  },
  response_types_supported: { code: 'oauth/codeFlow.test.ts' },
  token_endpoint_auth_methods_supported: {
    none: 'browser/singlePageApp.test.ts',
    client_secret_basic: 'oauth/codeFlow.test.ts',
    client_secret_post: 'oauth/clientCredentials.test.ts',
    private_key_jwt: 'oauth/privateKeyJwt.test.ts',
  },
  id_token_encryption_alg_values_supported: {
    'RSA-OAEP-256': 'oauth/encryptedIdTokens.test.ts',
    'ECDH-ES': 'oauth/encryptedIdTokens.test.ts',
  },
  id_token_encryption_enc_values_supported: { A256GCM: 'oauth/encryptedIdTokens.test.ts' },
  userinfo_encryption_alg_values_supported: {
    'RSA-OAEP-256': 'oauth/encryptedIdTokens.test.ts',
    'ECDH-ES': 'oauth/encryptedIdTokens.test.ts',
  },
  userinfo_encryption_enc_values_supported: { A256GCM: 'oauth/encryptedIdTokens.test.ts' },
  // Only algorithms with a key: EdDSA appears once a client asks for it (keys/rotation.test.ts).
  id_token_signing_alg_values_supported: {
    RS256: 'oauth/codeFlow.test.ts',
    ES256: 'oauth/codeFlow.test.ts',
  },
  acr_values_supported: {
    'urn:ostiary:acr:password': 'account/twoStep.test.ts',
    'urn:ostiary:acr:mfa': 'account/twoStep.test.ts',
  },
  ui_locales_supported: { en: 'i18n/pageLanguage.test.ts', ko: 'i18n/pageLanguage.test.ts' },
  code_challenge_methods_supported: { S256: 'oauth/codeFlow.test.ts' },
  claims_supported: {
    sub: 'oauth/codeFlow.test.ts',
    acr: 'account/twoStep.test.ts',
    amr: 'account/twoStep.test.ts',
    email: 'oauth/codeFlow.test.ts',
    email_verified: 'oauth/rolesAndClaims.test.ts',
    name: 'oauth/rolesAndClaims.test.ts',
    roles: 'oauth/rolesAndClaims.test.ts',
    groups: 'oauth/rolesAndClaims.test.ts',
    auth_time: 'account/twoStep.test.ts',
    iss: 'oauth/codeFlow.test.ts',
    sid: 'oauth/backchannelLogout.test.ts',
  },
  scopes_supported: {
    openid: 'oauth/codeFlow.test.ts',
    email: 'oauth/codeFlow.test.ts',
    profile: 'oauth/codeFlow.test.ts',
    roles: 'oauth/rolesAndClaims.test.ts',
    groups: 'oauth/rolesAndClaims.test.ts',
    offline_access: 'oauth/rememberedConsent.test.ts',
  },
  dpop_signing_alg_values_supported: { ES256: 'oauth/dpop.test.ts' },
};

/** Yes-or-no capabilities it advertises, and the test of each. */
const FLAGS: Record<string, string> = {
  authorization_response_iss_parameter_supported: 'oauth/codeFlow.test.ts',
  backchannel_logout_supported: 'oauth/backchannelLogout.test.ts',
  backchannel_logout_session_supported: 'oauth/backchannelLogout.test.ts',
  claims_parameter_supported: 'oauth/rolesAndClaims.test.ts',
};

/** Endpoints, and the test of each. */
const ENDPOINTS: Record<string, string> = {
  authorization_endpoint: 'oauth/codeFlow.test.ts',
  token_endpoint: 'oauth/codeFlow.test.ts',
  userinfo_endpoint: 'oauth/encryptedIdTokens.test.ts',
  jwks_uri: 'keys/rotation.test.ts',
  end_session_endpoint: 'oauth/logout.test.ts',
  introspection_endpoint: 'oauth/jwtIntrospection.test.ts',
  revocation_endpoint: 'oauth/jwtIntrospection.test.ts',
  pushed_authorization_request_endpoint: 'oauth/pushedAuthorization.test.ts',
  device_authorization_endpoint: 'oauth/deviceFlow.test.ts',
};

test('discovery advertises exactly the features, methods and algorithms the suite proves', async (t) => {
  const w = await world();
  t.teardown(() => w.op.stop());
  const metadata = (await (await fetch(`${w.op.url}/.well-known/openid-configuration`)).json()) as Record<
    string,
    unknown
  >;
  for (const [member, values] of Object.entries(PROVEN)) {
    t.deepEqual([...(metadata[member] as string[])].sort(), Object.keys(values).sort(), member);
  }
  const flags = Object.keys(metadata).filter((name) => name.endsWith('_supported') && metadata[name] === true);
  t.deepEqual(flags.sort(), Object.keys(FLAGS).sort());
  const endpoints = Object.keys(metadata).filter((name) => name.endsWith('_endpoint') || name === 'jwks_uri');
  t.deepEqual(endpoints.sort(), Object.keys(ENDPOINTS).sort());
  for (const file of [
    ...Object.values(PROVEN).flatMap(Object.values),
    ...Object.values(FLAGS),
    ...Object.values(ENDPOINTS),
  ]) {
    t.true(existsSync(proofOf(file)), `${file} exists`);
  }
});
