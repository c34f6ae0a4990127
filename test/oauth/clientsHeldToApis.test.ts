// Clients held to their APIs and scopes, on the embedded store (the suite: clientsHeldToApis.ts).
import { clientsHeldToApis } from './clientsHeldToApis.js';

clientsHeldToApis('embedded', async () => ({}));
