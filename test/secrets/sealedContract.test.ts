// The sealed decorator keeps the storage contract: the same suite every backend passes, run on
// a sealed embedded store (its twin opens the same file with the same secret, as a second process would).
import { createSealer } from '../../src/secrets/createSealer.js';
import { generateMasterSecret } from '../../src/secrets/masterSecret.js';
import { sealedStore } from '../../src/store/sealed/sealedStore.js';
import { storeContract } from '../store/contract.js';
import { embeddedFixture } from '../store/embeddedFixture.js';

const sealer = createSealer([generateMasterSecret()]);
storeContract('sealed', async () => embeddedFixture('sealed', (store) => sealedStore(store, sealer)));
