// Who may act on a Google Ads customer: direct access, or through the manager named in the
// `login-customer-id` header down ACTIVE links ([ADS-PY-MD]; authorization_error.proto).
import { failAds } from './errors.ts';
import type { AdsAccessRole, AdsCustomer, ModelContext } from './types.ts';

/** Customers a user reaches directly (customers:listAccessibleCustomers, [ADS-CUST]). */
export function directCustomers(ctx: ModelContext, email: string): string[] {
  return ctx.state.ads.access.filter((a) => a.email === email).map((a) => a.customerId);
}

/** Clients under a manager through ACTIVE links, any depth. */
export function descendants(ctx: ModelContext, managerId: string): string[] {
  const out: string[] = [];
  const queue = [managerId];
  while (queue.length > 0) {
    const current = queue.shift() as string;
    for (const link of ctx.state.ads.links) {
      if (link.managerId === current && link.status === 'ACTIVE' && !out.includes(link.clientId)) {
        out.push(link.clientId);
        queue.push(link.clientId);
      }
    }
  }
  return out;
}

/** Looks a customer up or fails with authenticationError CUSTOMER_NOT_FOUND. */
export function customerOf(ctx: ModelContext, customerId: string): AdsCustomer {
  const customer = ctx.state.ads.customers.find((c) => c.customerId === customerId);
  if (!customer)
    failAds(
      'UNAUTHENTICATED',
      'authenticationError',
      'CUSTOMER_NOT_FOUND',
      'No customer found for the provided customer id.',
    );
  return customer;
}

/**
 * The caller's role on `customerId`, resolved through `loginCustomerId` when given. Fails with
 * USER_PERMISSION_DENIED or INVALID_LOGIN_CUSTOMER_ID_SERVING_CUSTOMER_ID_COMBINATION.
 */
export function roleOn(
  ctx: ModelContext,
  email: string,
  customerId: string,
  loginCustomerId: string | undefined,
): AdsAccessRole {
  customerOf(ctx, customerId);
  const login = loginCustomerId ?? customerId;
  const access = ctx.state.ads.access.find((a) => a.email === email && a.customerId === login);
  if (!access) {
    failAds(
      'PERMISSION_DENIED',
      'authorizationError',
      'USER_PERMISSION_DENIED',
      "User doesn't have permission to access customer. Note: If you're accessing a client customer, the manager's customer id must be set in the 'login-customer-id' header.",
    );
  }
  if (login !== customerId && !descendants(ctx, login).includes(customerId)) {
    failAds(
      'PERMISSION_DENIED',
      'authorizationError',
      'INVALID_LOGIN_CUSTOMER_ID_SERVING_CUSTOMER_ID_COMBINATION',
      'The login customer specified does not have access to the account specified, so the request is invalid.',
    );
  }
  return access.role;
}

/** Link changes need an ADMIN role (a choice: Google's UI asks for administrative access). */
export function requireLinkAdmin(role: AdsAccessRole): void {
  if (role !== 'ADMIN') {
    failAds(
      'PERMISSION_DENIED',
      'managerLinkError',
      'NON_OWNER_USER_CANNOT_MODIFY_LINK',
      'The user is not an owner or admin of the account and cannot modify its manager links.',
    );
  }
}
