// How long a fresh Ostiary takes to reach its steady client-credentials rate: one-second rounds
// from the start (the warm-up in options.ts is sized from this). Run after `npm run build`:
//   node --import tsx bench/rampUp.ts [seconds] [embedded|redis]
import { pin } from './processes.js';
import { clientCredentialsLoad } from './scenarios.js';
import { createOstiaryStore, startOstiary } from './servers.js';

const seconds = Number(process.argv[2] ?? 16);
const store = process.argv[3] === 'redis' ? 'redis' : 'embedded';
const prepared = await createOstiaryStore(store);
try {
  const ostiary = await startOstiary(prepared);
  try {
    // As compare.ts pins a one-process server: it on CPU 0, the load and Redis on CPU 1.
    pin(process.pid, '1');
    for (const pid of ostiary.pids()) pin(pid, '0');
    if (prepared.redis) pin(prepared.redis.pid, '1');
    const rates: string[] = [];
    for (let second = 0; second < seconds; second += 1) {
      rates.push((await clientCredentialsLoad(ostiary, 16, 1)).okPerSecond.toFixed(0));
    }
    console.log(`client credentials [${store}], req/s in each second after start: ${rates.join(' ')}`);
  } finally {
    await ostiary.stop();
  }
} finally {
  await prepared.dispose();
}
