// The storage contract against the embedded SQLite backend: a fresh DATA_DIR per store, and a
// twin that opens the same file as a second process would.
import { storeContract } from './contract.js';
import { embeddedFixture } from './embeddedFixture.js';

storeContract('embedded', async () => embeddedFixture('store'));
