// How guessable a password is, by zxcvbn-ts with its common-password list (about 30,000 leaked
// passwords) and the English dictionaries of names and words. It recognises what NIST SP 800-63B
// 3.1.1.2 asks a verifier to refuse: breached and common passwords, dictionary words, repeated or
// sequential characters, and words tied to the account or the service.
//
// Loading the dictionaries takes about 300 ms of CPU and 45 MiB, and a check 10-80 ms, so the
// estimator runs in a worker thread, started on the first check and kept (unreferenced while idle,
// so it never keeps the process alive): the event loop that serves requests never waits on it. The
// worker's code is the small script below, which imports the packages by their resolved URLs, so
// it runs the same from dist/ and under tsx.
import { Worker } from 'node:worker_threads';

export interface Strength {
  /** 0 (guessable in under 1,000 tries) to 4 (over 10^10). */
  readonly score: 0 | 1 | 2 | 3 | 4;
  /** A sentence saying what makes it weak, when zxcvbn knows. */
  readonly warning: string | undefined;
  readonly suggestions: readonly string[];
}

const PACKAGES = ['@zxcvbn-ts/core', '@zxcvbn-ts/language-common', '@zxcvbn-ts/language-en'];

const ESTIMATOR = `
const { parentPort, workerData } = require('node:worker_threads');
Promise.all(workerData.modules.map((url) => import(url))).then(([{ ZxcvbnFactory }, common, english]) => {
  const zxcvbn = new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
  });
  parentPort.on('message', ({ id, password, context }) => {
    const { score, feedback } = zxcvbn.check(password, context);
    parentPort.postMessage({ id, score, warning: feedback.warning ?? undefined, suggestions: feedback.suggestions });
  });
});`;

type Pending = { resolve: (strength: Strength) => void; reject: (error: Error) => void };

let worker: Worker | undefined;
const pending = new Map<number, Pending>();
let nextId = 0;

function failAll(error: Error) {
  for (const { reject } of pending.values()) reject(error);
  pending.clear();
  worker = undefined;
}

function estimator(): Worker {
  if (worker) return worker;
  const modules = PACKAGES.map((name) => import.meta.resolve(name));
  const started = new Worker(ESTIMATOR, { eval: true, workerData: { modules } });
  started.on('message', ({ id, ...strength }: Strength & { id: number }) => {
    pending.get(id)?.resolve(strength);
    pending.delete(id);
    if (pending.size === 0) started.unref();
  });
  started.on('error', failAll);
  started.on('exit', (code) => failAll(new Error(`the password strength worker exited (${code})`)));
  worker = started;
  return started;
}

/** `context`: words the password must not lean on (the email, the name, the service's name). */
export function passwordStrength(password: string, context: readonly string[]): Promise<Strength> {
  const id = nextId++;
  const thread = estimator();
  thread.ref(); // a check in flight keeps the process alive until it answers
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    thread.postMessage({ id, password, context: [...context] });
  });
}
