// The account a command names by email (any letter case), found through the admin operations, or
// NotFoundError (exit 1).
import type { AdminCall } from '../admin/AdminRoute.js';
import { userRoutes } from '../admin/routes/userRoutes.js';
import { NotFoundError } from './errors.js';

export async function accountByEmail(admin: AdminCall, email: string) {
  const [account] = (await admin(userRoutes.list, { query: { email } })).users;
  if (!account) throw new NotFoundError(`no account with email ${email}`);
  return account;
}
