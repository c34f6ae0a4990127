// What every interaction page shows and allows: the client's name, whether it is first-party, and
// the origin its redirect_uri points at (forms on the page end up there, so CSP must allow it).
import type Provider from 'oidc-provider';
import { originOf } from '../http/contentSecurityPolicy.js';
import { clientExtras } from '../provider/clientPolicy.js';
import type { Interaction } from './loadInteraction.js';

export async function pageContext(provider: Provider, details: Interaction) {
  const client = await provider.Client.find(String(details.params.client_id));
  return {
    clientName: client?.clientName ?? String(details.params.client_id),
    firstParty: client ? clientExtras(client).firstParty : false,
    formTargets: originOf(details.params.redirect_uri),
  };
}
