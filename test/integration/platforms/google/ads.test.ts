// Google Ads in the sandbox: headers, the manager-link handshake, GAQL, invitation limits and
// the error shape (GoogleAdsFailure in google.rpc.Status details), over loopback HTTP.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { GoogleSandbox } from '../../../../src/platforms/google/sandbox/index.ts';
import {
  adsHeaders,
  AGENCY,
  api,
  CLIENT_ADS,
  G,
  MANAGER,
  MARKETING,
  OWNER,
  startSandbox,
  tokenFor,
} from './helpers.ts';

const FAILURE = 'type.googleapis.com/google.ads.googleads.v24.errors.GoogleAdsFailure';

describe('Google Ads sandbox', () => {
  let sb: GoogleSandbox;
  let agency: string;
  let owner: string;
  beforeAll(async () => {
    sb = await startSandbox();
  });
  afterAll(async () => sb.close());
  beforeEach(async () => {
    sb.reset();
    agency = await tokenFor(sb.url, AGENCY, [`${G}adwords`]);
    owner = await tokenFor(sb.url, OWNER, [`${G}adwords`]);
  });

  const invite = (client = CLIENT_ADS, status = 'PENDING', token = agency) =>
    api(sb.url, 'POST', `/v24/customers/${MANAGER}/customerClientLinks:mutate`, token, {
      headers: adsHeaders(MANAGER),
      body: { operation: { create: { clientCustomer: `customers/${client}`, status } } },
    });
  const answer = (name: string, status: string, token = owner) =>
    api(sb.url, 'POST', `/v24/customers/${CLIENT_ADS}/customerManagerLinks:mutate`, token, {
      headers: adsHeaders(CLIENT_ADS),
      body: { operations: [{ updateMask: 'status', update: { resourceName: name, status } }] },
    });
  const search = (customer: string, query: string, token = agency, login = MANAGER) =>
    api(sb.url, 'POST', `/v24/customers/${customer}/googleAds:search`, token, {
      headers: adsHeaders(login),
      body: { query },
    });
  const linkName = (clientLink: string) =>
    clientLink.replace(
      `customers/${MANAGER}/customerClientLinks/${CLIENT_ADS}~`,
      `customers/${CLIENT_ADS}/customerManagerLinks/${MANAGER}~`,
    );

  it('lists accessible customers, on any /v{N} prefix', async () => {
    for (const v of ['v21', 'v24']) {
      const res = await api(sb.url, 'GET', `/${v}/customers:listAccessibleCustomers`, owner, {
        headers: adsHeaders(),
      });
      expect(res).toEqual({
        status: 200,
        body: { resourceNames: ['customers/5556667778', 'customers/5556667779'] },
      });
    }
  });

  it('runs the handshake: invite PENDING, client accepts ACTIVE, both views agree, client ends it', async () => {
    const created = await invite();
    expect(created.status).toBe(200);
    const name = created.body.result.resourceName as string;
    expect(name).toMatch(
      new RegExp(`^customers/${MANAGER}/customerClientLinks/${CLIENT_ADS}~\\d+$`),
    );
    const q = `SELECT customer_client_link.status, customer_client_link.manager_link_id FROM customer_client_link WHERE customer_client_link.client_customer = 'customers/${CLIENT_ADS}'`;
    expect((await search(MANAGER, q)).body.results[0].customerClientLink).toMatchObject({
      resourceName: name,
      status: 'PENDING',
    });
    const accepted = await answer(linkName(name), 'ACTIVE');
    expect(accepted).toEqual({
      status: 200,
      body: { results: [{ resourceName: linkName(name) }] },
    });
    const clientView = await search(
      CLIENT_ADS,
      'SELECT customer_manager_link.manager_customer, customer_manager_link.status FROM customer_manager_link',
      owner,
      CLIENT_ADS,
    );
    expect(clientView.body.results).toEqual([
      {
        customerManagerLink: {
          resourceName: linkName(name),
          managerCustomer: `customers/${MANAGER}`,
          status: 'ACTIVE',
        },
      },
    ]);
    expect(clientView.body.fieldMask).toBe(
      'customerManagerLink.managerCustomer,customerManagerLink.status',
    );
    // The agency now reaches the client through its manager (login-customer-id).
    expect((await search(CLIENT_ADS, 'SELECT customer.id FROM customer')).status).toBe(200);
    expect((await answer(linkName(name), 'INACTIVE')).status).toBe(200);
    expect(
      (await search(CLIENT_ADS, 'SELECT customer.id FROM customer')).body.error.details[0].errors[0]
        .errorCode,
    ).toEqual({ authorizationError: 'INVALID_LOGIN_CUSTOMER_ID_SERVING_CUSTOMER_ID_COMBINATION' });
  });

  it('refuses creating an ACTIVE link, a second invite, and a non-admin acceptance, with managerLinkError', async () => {
    const active = await invite(CLIENT_ADS, 'ACTIVE');
    expect(active.status).toBe(400);
    expect(active.body.error).toMatchObject({
      code: 400,
      status: 'INVALID_ARGUMENT',
      message: 'Request contains an invalid argument.',
    });
    expect(active.body.error.details[0]).toMatchObject({
      '@type': FAILURE,
      errors: [{ errorCode: { managerLinkError: 'CREATING_ENABLED_LINK_NOT_ALLOWED' } }],
    });
    const first = await invite();
    expect((await invite()).body.error.details[0].errors[0].errorCode).toEqual({
      managerLinkError: 'ALREADY_INVITED_BY_THIS_MANAGER',
    });
    const marketing = await tokenFor(sb.url, MARKETING, [`${G}adwords`]);
    const refused = await answer(
      linkName(first.body.result.resourceName as string),
      'ACTIVE',
      marketing,
    );
    expect(refused.status).toBe(403);
    expect(refused.body.error.details[0].errors[0]).toMatchObject({
      errorCode: { managerLinkError: 'NON_OWNER_USER_CANNOT_MODIFY_LINK' },
      location: { fieldPathElements: [{ fieldName: 'operations', index: 0 }] },
    });
  });

  it('models the invitation limit: TOO_MANY_INVITES once the manager has the most pending invites', async () => {
    const state = sb.model.state;
    state.ads.limits.maxPendingInvitesPerManager = 1;
    expect((await invite(CLIENT_ADS)).status).toBe(200);
    const second = await invite('5556667779');
    expect(second.status).toBe(400);
    expect(second.body.error.details[0].errors[0]).toMatchObject({
      errorCode: { managerLinkError: 'TOO_MANY_INVITES' },
      message: 'Manager has too many pending invitations.',
    });
  });

  it('requires developer-token and a valid login-customer-id, and refuses others’ accounts', async () => {
    const none = await api(sb.url, 'GET', '/v24/customers:listAccessibleCustomers', owner);
    expect(none.status).toBe(400);
    expect(none.body.error.details[0].errors[0].errorCode).toEqual({
      requestError: 'DEVELOPER_TOKEN_PARAMETER_MISSING',
    });
    const wrong = await api(sb.url, 'GET', '/v24/customers:listAccessibleCustomers', owner, {
      headers: { 'developer-token': 'nope' },
    });
    expect(wrong.status).toBe(401);
    const dashed = await search(
      CLIENT_ADS,
      'SELECT customer.id FROM customer',
      owner,
      '555-666-7778',
    );
    expect(dashed.body.error.details[0].errors[0].errorCode).toEqual({
      headerError: 'INVALID_LOGIN_CUSTOMER_ID',
    });
    const foreign = await search(
      '9990001113',
      'SELECT customer.id FROM customer',
      owner,
      '9990001113',
    );
    expect(foreign.status).toBe(403);
    expect(foreign.body.error).toMatchObject({
      code: 403,
      status: 'PERMISSION_DENIED',
      message: 'The caller does not have permission',
    });
    expect(foreign.body.error.details[0].errors[0].errorCode).toEqual({
      authorizationError: 'USER_PERMISSION_DENIED',
    });
  });

  it('answers queries it does not model with a queryError, and pageSize with PAGE_SIZE_NOT_SUPPORTED', async () => {
    const cases: [string, string][] = [
      ['SELECT campaign.id FROM campaign', 'PROHIBITED_RESOURCE_TYPE_IN_FROM_CLAUSE'],
      ['SELECT customer.nope FROM customer', 'UNRECOGNIZED_FIELD'],
      ['customer.id FROM customer', 'EXPECTED_SELECT'],
      ['SELECT customer.id', 'EXPECTED_FROM'],
      [
        "SELECT customer_client_link.status FROM customer_client_link WHERE customer_client_link.status = 'x",
        'STRING_NOT_TERMINATED',
      ],
      [
        'SELECT customer_client_link.status FROM customer_client_link WHERE customer_client_link.status IN (NOPE)',
        'BAD_ENUM_CONSTANT',
      ],
    ];
    for (const [query, code] of cases) {
      const res = await search(MANAGER, query);
      expect(res.status, query).toBe(400);
      expect(res.body.error.details[0].errors[0].errorCode, query).toEqual({ queryError: code });
    }
    const paged = await api(sb.url, 'POST', `/v24/customers/${MANAGER}/googleAds:search`, agency, {
      headers: adsHeaders(MANAGER),
      body: { query: 'SELECT customer.id FROM customer', pageSize: 10 },
    });
    expect(paged.body.error.details[0].errors[0].errorCode).toEqual({
      requestError: 'PAGE_SIZE_NOT_SUPPORTED',
    });
    const unknown = await api(
      sb.url,
      'POST',
      `/v24/customers/${MANAGER}/googleAds:search`,
      agency,
      {
        headers: adsHeaders(MANAGER),
        body: { query: 'SELECT customer.id FROM customer', bogus: 1 },
      },
    );
    expect(unknown.body.error.message).toContain('Unknown name "bogus"');
  });

  it('throttles with 429 RESOURCE_EXHAUSTED, quotaError and a retryDelay; 503 on transient faults', async () => {
    sb.setFaults({ rateLimit: { requests: 1, perMs: 60_000 } });
    expect((await search(MANAGER, 'SELECT customer.id FROM customer')).status).toBe(200);
    const throttled = await search(MANAGER, 'SELECT customer.id FROM customer');
    expect(throttled.status).toBe(429);
    expect(throttled.body.error).toMatchObject({ code: 429, status: 'RESOURCE_EXHAUSTED' });
    expect(throttled.body.error.details[0].errors[0]).toMatchObject({
      errorCode: { quotaError: 'RESOURCE_TEMPORARILY_EXHAUSTED' },
      details: { quotaErrorDetails: { retryDelay: '60s' } },
    });
    sb.setFaults({ errorRate: 1 });
    const down = await search(MANAGER, 'SELECT customer.id FROM customer');
    expect(down.body.error).toEqual({
      code: 503,
      message: 'The service is currently unavailable.',
      status: 'UNAVAILABLE',
    });
  });

  it('refuses a token without the adwords scope', async () => {
    const narrow = await tokenFor(sb.url, OWNER, [`${G}webmasters.readonly`]);
    const res = await api(sb.url, 'GET', '/v24/customers:listAccessibleCustomers', narrow, {
      headers: adsHeaders(),
    });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe('Request had insufficient authentication scopes.');
  });
});
