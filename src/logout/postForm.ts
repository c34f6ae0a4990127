// One form POST for a back-channel logout, with node:http(s): the answer's status, or a reason it
// has none. With `publicOnly` (an app that registered itself, RFC 7591), a host that is or resolves
// to a loopback, private, link-local or other special-use address is refused before connecting, so
// a registration cannot point the server at its own network. The check is made on the addresses
// the connection then uses (a custom lookup), so a name cannot change its answer in between.
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP } from 'node:net';

const SPECIAL_USE = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  SPECIAL_USE.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['::ffff:0:0', 96],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001::', 23],
  ['2001:db8::', 32],
  ['2002::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  SPECIAL_USE.addSubnet(network, prefix, 'ipv6');
}

export const isSpecialUse = (address: string) => {
  const family = isIP(address);
  return family === 0 || SPECIAL_USE.check(address, family === 4 ? 'ipv4' : 'ipv6');
};

const refused = (host: string) => Object.assign(new Error(`${host} is a special-use address`), { code: 'ESPECIALUSE' });

type LookupCallback = (error: Error | null, address: string | LookupAddress[], family?: number) => void;

/** dns.lookup, refusing any answer that holds a special-use address. */
function publicLookup(hostname: string, options: LookupOptions, callback: LookupCallback) {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '');
    if (addresses.length === 0 || addresses.some((each) => isSpecialUse(each.address))) {
      return callback(refused(hostname), '');
    }
    const [first] = addresses as [LookupAddress];
    return options.all ? callback(null, addresses) : callback(null, first.address, first.family);
  });
}

export interface PostOptions {
  readonly timeoutMs: number;
  readonly publicOnly: boolean;
}

export type PostOutcome =
  | { readonly status: number }
  | { readonly failure: 'timeout' | 'network_error' | 'refused_address' };

export function postForm(url: string, form: Record<string, string>, options: PostOptions): Promise<PostOutcome> {
  return new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return resolve({ failure: 'network_error' });
    }
    const host = target.hostname.replace(/^\[|\]$/g, '');
    if (options.publicOnly && isIP(host) && isSpecialUse(host)) return resolve({ failure: 'refused_address' });
    const body = new URLSearchParams(form).toString();
    const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const init: RequestOptions = {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) },
      signal: AbortSignal.timeout(options.timeoutMs),
      ...(options.publicOnly ? { lookup: publicLookup as RequestOptions['lookup'] } : {}),
    };
    const sent = request(target, init, (response) => {
      response.resume(); // the body means nothing here
      resolve({ status: response.statusCode ?? 0 });
    });
    sent.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'ESPECIALUSE') resolve({ failure: 'refused_address' });
      else if (error.name === 'AbortError' || error.name === 'TimeoutError') resolve({ failure: 'timeout' });
      else resolve({ failure: 'network_error' });
    });
    sent.end(body);
  });
}
