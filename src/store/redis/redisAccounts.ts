// Accounts in Redis: one HASH per account and one HASH mapping normalized email → accountId. Both
// carry the hash tag {accounts}, so the scripts below may touch the two keys atomically in a Cluster
// too; email uniqueness (case-insensitive) is then the server's job, as with SQLite's UNIQUE.
import { normalizeEmail } from '../../accounts/normalizeEmail.js';
import { DuplicateError } from '../errors.js';
import type { Account, AccountChanges, AccountClaims, AccountFactors, AccountStore } from '../Store.js';
import { defineScript } from './defineScript.js';
import type { RedisKeys } from './keys.js';
import type { RedisClient } from './RedisClient.js';

// Atomic because two concurrent creates with the same email (in any case) must not both win: HSETNX
// claims the email and the record is written in the same step, so there is never a claimed email
// without its account or an account without its claim. Returns 1 created, 0 email taken, -1 id taken.
const CREATE = `
if redis.call('EXISTS', KEYS[1]) == 1 then return -1 end
if redis.call('HSETNX', KEYS[2], ARGV[1], ARGV[2]) == 0 then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV, 3))
return 1`;

// Atomic so the email is released exactly when its account goes, and only if it is still ours.
const REMOVE = `
local emailKey = redis.call('HGET', KEYS[1], 'emailKey')
if not emailKey then return 0 end
redis.call('DEL', KEYS[1])
if redis.call('HGET', KEYS[2], emailKey) == ARGV[1] then redis.call('HDEL', KEYS[2], emailKey) end
return 1`;

// Atomic so a change racing a removal cannot leave a half account behind. ARGV[1] is the number of
// field/value pairs to set that follow; the fields after them are deleted.
const UPDATE = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
local sets = tonumber(ARGV[1])
if sets > 0 then redis.call('HSET', KEYS[1], unpack(ARGV, 2, 1 + 2 * sets)) end
for i = 2 + 2 * sets, #ARGV do redis.call('HDEL', KEYS[1], ARGV[i]) end
return 1`;

const toFields = (account: Account): string[] => [
  ...['accountId', account.accountId, 'email', account.email, 'emailKey', normalizeEmail(account.email)],
  ...['emailVerified', account.emailVerified ? '1' : '0', 'passwordHash', account.passwordHash],
  ...['createdAt', String(account.createdAt), 'disabled', account.disabled ? '1' : '0'],
  ...(account.name === undefined ? [] : ['name', account.name]),
  ...(account.revokedAt === undefined ? [] : ['revokedAt', String(account.revokedAt)]),
  ...(account.factors === undefined ? [] : ['factors', JSON.stringify(account.factors)]),
  ...(account.claims === undefined ? [] : ['claims', JSON.stringify(account.claims)]),
];

/** The stored form of each changeable field; undefined deletes it. */
const changedFields = (changes: AccountChanges): [string, string | undefined][] =>
  Object.entries(changes).map(([field, value]) => [
    field,
    value === undefined
      ? undefined
      : field === 'disabled' || field === 'emailVerified'
        ? value
          ? '1'
          : '0'
        : field === 'factors' || field === 'claims'
          ? JSON.stringify(value)
          : String(value),
  ]);

const toAccount = (fields: Record<string, string>): Account | undefined =>
  fields.accountId === undefined
    ? undefined
    : {
        accountId: fields.accountId,
        email: fields.email ?? '',
        emailVerified: fields.emailVerified === '1',
        name: fields.name,
        passwordHash: fields.passwordHash ?? '',
        createdAt: Number(fields.createdAt),
        disabled: fields.disabled === '1',
        revokedAt: fields.revokedAt === undefined ? undefined : Number(fields.revokedAt),
        ...(fields.factors ? { factors: JSON.parse(fields.factors) as AccountFactors } : {}),
        ...(fields.claims ? { claims: JSON.parse(fields.claims) as AccountClaims } : {}),
      };

/** The embedded store's order: creation time, then normalized email compared code unit by code unit. */
const byCreation = (a: Account, b: Account) => {
  const [x, y] = [normalizeEmail(a.email), normalizeEmail(b.email)];
  return a.createdAt - b.createdAt || (x < y ? -1 : x > y ? 1 : 0);
};

export function redisAccounts(client: RedisClient, keys: RedisKeys): AccountStore {
  const create = defineScript(client, 'ostiaryAccountCreate', 2, CREATE);
  const remove = defineScript(client, 'ostiaryAccountRemove', 2, REMOVE);
  const update = defineScript(client, 'ostiaryAccountUpdate', 1, UPDATE);
  const findById = async (accountId: string) => toAccount(await client.hgetall(keys.account(accountId)));

  return {
    async create(account) {
      const emailKey = normalizeEmail(account.email);
      const outcome = Number(
        await create(
          [keys.account(account.accountId), keys.accountEmails()],
          [emailKey, account.accountId, ...toFields(account)],
        ),
      );
      if (outcome === 0) throw new DuplicateError('email');
      if (outcome === -1) throw new DuplicateError('accountId');
    },
    findById,
    async findByEmail(email) {
      const emailKey = normalizeEmail(email);
      const accountId = await client.hget(keys.accountEmails(), emailKey);
      if (accountId == null) return undefined;
      const account = await findById(accountId);
      // A removal between the two reads leaves nothing, or (in theory) a reused id: check again.
      return account && normalizeEmail(account.email) === emailKey ? account : undefined;
    },
    async list() {
      const accountIds = await client.hvals(keys.accountEmails());
      const accounts = await Promise.all(accountIds.map(findById));
      return accounts.filter((account): account is Account => account !== undefined).sort(byCreation);
    },
    async remove(accountId) {
      return Number(await remove([keys.account(accountId), keys.accountEmails()], [accountId])) === 1;
    },
    async update(accountId, changes) {
      const fields = changedFields(changes);
      const sets = fields.filter((entry): entry is [string, string] => entry[1] !== undefined);
      const deletes = fields.filter(([, value]) => value === undefined).map(([field]) => field);
      return Number(await update([keys.account(accountId)], [sets.length, ...sets.flat(), ...deletes])) === 1;
    },
  };
}
