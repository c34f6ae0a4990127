// The attackers of the guessing storm, as a process of their own (bench/guessingStorm.ts starts
// it), so the work of sending thousands of guesses a second does not hold up the loop that times
// the real user's sign-ins. Argument: a JSON GuessersPlan. Prints the GuessTally as JSON at the end.
import { Agent } from 'node:http';
import { httpRequest } from './http.js';

export interface GuessForm {
  readonly action: string;
  readonly hidden: Record<string, string>;
  readonly cookie: string;
  /** The loopback address the guesses come from. */
  readonly localAddress: string;
}

export interface GuessersPlan {
  /** One per connection. */
  readonly forms: readonly GuessForm[];
  readonly seconds: number;
  /** Every guess for this email, or (undefined) a new email each time, prefixed so. */
  readonly email: string | undefined;
  readonly emailPrefix: string;
}

export interface GuessTally {
  /** Checked and wrong (401). */
  hashed: number;
  /** Refused without hashing: an address or account limit (429). */
  throttled: number;
  /** Refused at once: the hashing queue was full (503). */
  busy: number;
  other: number;
}

async function main() {
  const plan = JSON.parse(process.argv[2] ?? '{}') as GuessersPlan;
  const tally: GuessTally = { hashed: 0, throttled: 0, busy: 0, other: 0 };
  const until = performance.now() + plan.seconds * 1000;
  let n = 0;
  await Promise.all(
    plan.forms.map(async (form) => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1, localAddress: form.localAddress });
      const action = new URL(form.action);
      try {
        for (let i = 0; performance.now() < until; i += 1) {
          const email = plan.email ?? `${plan.emailPrefix}${n++}@example.com`;
          const answer = await httpRequest(agent, action, {
            method: 'POST',
            headers: { cookie: form.cookie },
            form: { ...form.hidden, email, password: `guess-${i}` },
          });
          if (answer.status === 401) tally.hashed += 1;
          else if (answer.status === 429) tally.throttled += 1;
          else if (answer.status === 503) tally.busy += 1;
          else tally.other += 1;
        }
      } finally {
        agent.destroy();
      }
    }),
  );
  process.stdout.write(`${JSON.stringify(tally)}\n`);
}

if (process.argv[2]) {
  main().catch((error: unknown) => {
    process.stderr.write(`guessers failed: ${String(error)}\n`);
    process.exit(1);
  });
}
