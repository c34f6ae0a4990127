// The signature alone: a client-credentials access token (ES256, RFC 9068 header) signed as the
// baseline signs it (jose's CompactSign, WebCrypto underneath) and as Ostiary signs it
// (NodeSigningKey: node:crypto in one call). Alternating rounds in one process, so both meet the
// same machine. Run: node --import tsx bench/signing.ts
import { CompactSign, importJWK } from 'jose';
import { generateSigningKey } from '../src/keys/generateSigningKey.js';
import { NodeSigningKey } from '../src/keys/NodeSigningKey.js';

const ROUNDS = 5;
const PER_ROUND = 4000;

const record = await generateSigningKey('ES256');
const joseKey = await importJWK(record.jwk, 'ES256');
const nodeKey = new NodeSigningKey(record);
const header = { alg: 'ES256', typ: 'at+jwt', kid: record.kid };
const payload = new TextEncoder().encode(
  JSON.stringify({
    iss: 'http://127.0.0.1:3000',
    sub: 'bench-service',
    aud: 'https://api.example',
    client_id: 'bench-service',
    scope: 'read',
    iat: 1_700_000_000,
    exp: 1_700_000_900,
    jti: 'x'.repeat(43),
  }),
);
const encode = (value: Uint8Array | string) => Buffer.from(value).toString('base64url');

async function viaJose(): Promise<string> {
  return new CompactSign(payload).setProtectedHeader(header).sign(joseKey);
}

async function viaNode(): Promise<string> {
  const input = `${encode(JSON.stringify(header))}.${encode(payload)}`;
  return `${input}.${encode(await nodeKey.sign(Buffer.from(input)))}`;
}

async function microseconds(sign: () => Promise<string>): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < PER_ROUND; i += 1) await sign();
  return ((performance.now() - started) * 1000) / PER_ROUND;
}

await Promise.all([microseconds(viaJose), microseconds(viaNode)]); // warm-up
const jose: number[] = [];
const node: number[] = [];
for (let round = 0; round < ROUNDS; round += 1) {
  jose.push(await microseconds(viaJose));
  node.push(await microseconds(viaNode));
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
console.log(`ES256 access token signature, median of ${ROUNDS} rounds of ${PER_ROUND}:`);
console.log(`  jose CompactSign (baseline)      ${median(jose).toFixed(1)} µs`);
console.log(`  node:crypto via NodeSigningKey   ${median(node).toFixed(1)} µs`);
console.log(`  saved per token                  ${(median(jose) - median(node)).toFixed(1)} µs`);
