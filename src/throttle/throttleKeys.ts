// The keys throttling counts under. They name what is counted in the clear; the store keeps only
// their keyed hash (src/store/hashed), so a copy of it holds no email or address. An IPv6 client
// is counted by its /64, the block one subscriber usually holds: counting single IPv6 addresses
// would let anyone with a /64 pick a fresh address per attempt.
import { isIPv4, isIPv6 } from 'node:net';
import { normalizeEmail } from '../accounts/normalizeEmail.js';

/** The address as counted: IPv4 as it is (IPv4-mapped IPv6 too), IPv6 by its first 64 bits. */
export function addressBlock(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return mapped[1];
  if (isIPv4(address) || !isIPv6(address)) return address;
  const [head = '', tail = ''] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::')
    ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((group) => Number.parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}

export const throttleKeys = {
  /** Sign-in attempts for one email, known account or not. */
  account: (email: string) => `login:account:${normalizeEmail(email)}`,
  /** Sign-in attempts from one client address, across emails. */
  address: (address: string) => `login:address:${addressBlock(address)}`,
  /** New sign-ins (interactions) started from one client address. */
  interactions: (address: string) => `interactions:address:${addressBlock(address)}`,
  /** Password reset mails asked for one email, known account or not. */
  resetMails: (email: string) => `reset-mail:account:${normalizeEmail(email)}`,
  /** Mail links asked for and tried from one client address. */
  links: (address: string) => `links:address:${addressBlock(address)}`,
  /** Wrong second-step codes (authenticator or recovery) of one account. */
  secondFactor: (accountId: string) => `second-factor:${accountId}`,
  /** A one-time code's time step, once it has been used by the account (single use). */
  otpUsed: (accountId: string, step: number) => `otp-used:${accountId}:${step}`,
  /** A recovery code (its hash), once it has been used by the account (single use). */
  recoveryUsed: (accountId: string, codeHash: string) => `recovery-used:${accountId}:${codeHash}`,
  /** A passkey challenge, once it has been answered (single use). */
  passkeyChallengeUsed: (challenge: string) => `passkey-challenge-used:${challenge}`,
  /** Wrong device user codes typed from one client address. */
  userCodes: (address: string) => `user-codes:address:${addressBlock(address)}`,
  /** Polls of one device code (its hash) at the token endpoint. */
  devicePolls: (deviceCodeHash: string) => `device-polls:${deviceCodeHash}`,
  /** Failed client authentications of one client_id. */
  client: (clientId: string) => `client-auth:${clientId}`,
  /** Registrations made with one initial access token (its uses are counted here). */
  registrationTokenUses: (token: string) => `registration-token:${token}`,
};
