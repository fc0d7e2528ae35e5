// The sandbox's rules over loopback HTTP: for each, an allowed case and a refused case with
// Graph's error (code, type, fbtrace_id).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { idsOf, startMetaFixture, W, type GraphAnswer, type MetaFixture } from '../fixture.ts';

let f: MetaFixture;
let dana: string;
let nora: string;
beforeAll(async () => {
  f = await startMetaFixture();
});
afterAll(async () => f.close());
beforeEach(async () => {
  await f.reset();
  dana = await f.tokenFor(W.dana);
  nora = await f.tokenFor(W.nora);
});

function expectGraphError(res: GraphAnswer, code: number, subcode?: number): void {
  expect(res.status).toBeGreaterThanOrEqual(400);
  expect(res.body.error).toMatchObject({
    code,
    type: expect.any(String),
    message: expect.any(String),
    fbtrace_id: expect.any(String),
  });
  if (subcode !== undefined) expect(res.body.error.error_subcode).toBe(subcode);
}
const share = (
  token: string,
  asset: string,
  tasks: string[] | undefined,
  business: string = W.northwind,
) =>
  f.graph('POST', `${asset}/agencies`, token, {
    business,
    ...(tasks === undefined ? {} : { permitted_tasks: JSON.stringify(tasks) }),
  });
const pageToken = async (token: string, page: string = W.page) =>
  (await f.graph('GET', page, token, { fields: 'access_token' })).body.access_token as string;

describe('POST /{asset}/agencies', () => {
  it('a business admin shares an ad account; the agency then sees it with the tasks', async () => {
    expect((await share(dana, W.adUs, ['ADVERTISE', 'ANALYZE'])).body).toEqual({ success: true });
    const read = await f.graph('GET', `${W.adUs}/agencies`, nora, {
      fields: 'id,name,permitted_tasks,access_status',
    });
    expect(read.body.data).toEqual([
      {
        id: W.northwind,
        name: 'Northwind Media',
        permitted_tasks: ['ADVERTISE', 'ANALYZE'],
        access_status: 'CONFIRMED',
      },
    ]);
  });

  it('an employee with ANALYZE only gets (#200)', async () => {
    const sam = await f.tokenFor(W.sam);
    expectGraphError(await share(sam, W.adUs, ['ANALYZE']), 200);
  });

  it('before a share the agency cannot see the asset: 100/33', async () => {
    expectGraphError(await f.graph('GET', `${W.adUs}/agencies`, nora), 100, 33);
  });

  it('invalid parameters are (#100): missing business, unknown task, unknown business', async () => {
    expectGraphError(
      await f.graph('POST', `${W.adUs}/agencies`, dana, { permitted_tasks: '["ANALYZE"]' }),
      100,
    );
    const bad = await share(dana, W.adUs, ['FLY']);
    expectGraphError(bad, 100);
    expect(bad.body.error.message).toContain('must be one of');
    expectGraphError(await share(dana, W.adUs, ['ANALYZE'], '999999999'), 100);
    expectGraphError(
      await f.graph('POST', `${W.adUs}/agencies`, dana, {
        business: W.northwind,
        permitted_tasks: 'ANALYZE',
      }),
      100,
    );
  });

  it('accepts the docs single-quoted list form', async () => {
    const res = await f.graph('POST', `${W.adUs}/agencies`, dana, {
      business: W.northwind,
      permitted_tasks: "['ANALYZE']",
    });
    expect(res.body).toEqual({ success: true });
  });

  it('sharing the same again is 3989; into its own business is 3946; other tasks replace', async () => {
    await share(dana, W.adUs, ['ANALYZE']);
    expectGraphError(await share(dana, W.adUs, ['ANALYZE']), 3989);
    expectGraphError(await share(dana, W.adUs, ['ANALYZE'], W.acme), 3946);
    expect((await share(dana, W.adUs, ['MANAGE', 'ANALYZE'])).body).toEqual({ success: true });
    const read = await f.graph('GET', `${W.adUs}/agencies`, dana, { fields: 'id,permitted_tasks' });
    expect(read.body.data[0].permitted_tasks).toEqual(['MANAGE', 'ANALYZE']);
  });

  it('a Page needs a Page token (#210) from someone who can manage it', async () => {
    expectGraphError(await share(dana, W.page, ['ANALYZE']), 210);
    expect(
      (await share(await pageToken(dana), W.page, ['CREATE_CONTENT', 'ANALYZE'])).body,
    ).toEqual({ success: true });
  });

  it('pixels require permitted_tasks and refuse the restricted EDIT task', async () => {
    expectGraphError(await share(dana, W.pixel, undefined), 100);
    expectGraphError(await share(dana, W.pixel, ['EDIT']), 200);
    expect((await share(dana, W.pixel, ['ADVERTISE', 'ANALYZE', 'UPLOAD'])).body).toEqual({
      success: true,
    });
  });

  it('catalogs take their own enum', async () => {
    expectGraphError(await share(dana, W.catalog, ['ANALYZE']), 100);
    expect((await share(dana, W.catalog, ['MANAGE', 'ADVERTISE'])).body).toEqual({ success: true });
  });

  it('Instagram accounts have no write edge: POST and DELETE are 100/33; GET works', async () => {
    expectGraphError(await share(dana, W.ig, ['MANAGE']), 100, 33);
    expectGraphError(
      await f.graph('DELETE', `${W.ig}/agencies`, dana, { business: W.northwind }),
      100,
      33,
    );
    expect((await f.graph('GET', `${W.ig}/agencies`, dana)).body.data).toEqual([]);
  });

  it('a personal ad account cannot be shared with a partner business (#200)', async () => {
    const zoe = await f.tokenFor(W.zoe);
    expectGraphError(await share(zoe, W.zoeAd, ['ANALYZE']), 200);
  });

  it('without the ads_management permission the share is (#10)', async () => {
    const limited = await f.tokenFor(W.dana, ['business_management']);
    expectGraphError(await share(limited, W.adUs, ['ANALYZE']), 10);
  });
});

describe('DELETE /{asset}/agencies and business-level removal', () => {
  it('the client removes the partner; removing again is (#100)', async () => {
    await share(dana, W.adUs, ['ANALYZE']);
    expect(
      (await f.graph('DELETE', `${W.adUs}/agencies`, dana, { business: W.northwind })).body,
    ).toEqual({ success: true });
    expectGraphError(
      await f.graph('DELETE', `${W.adUs}/agencies`, dana, { business: W.northwind }),
      100,
    );
    expectGraphError(await f.graph('GET', `${W.adUs}/agencies`, nora), 100, 33);
  });

  it('the partner admin may leave an asset; a partner employee may not see it', async () => {
    await share(dana, W.adUs, ['ANALYZE']);
    const omar = await f.tokenFor(W.omar);
    expectGraphError(
      await f.graph('DELETE', `${W.adUs}/agencies`, omar, { business: W.northwind }),
      100,
      33,
    );
    expect(
      (await f.graph('DELETE', `${W.adUs}/agencies`, nora, { business: W.northwind })).body,
    ).toEqual({ success: true });
  });

  it('DELETE /{business}/agencies drops every share to that partner; only admins may', async () => {
    await share(dana, W.adUs, ['ANALYZE']);
    await share(dana, W.catalog, ['ADVERTISE']);
    const sam = await f.tokenFor(W.sam);
    expectGraphError(
      await f.graph('DELETE', `${W.acme}/agencies`, sam, { business: W.northwind }),
      200,
    );
    expect(
      (await f.graph('DELETE', `${W.acme}/agencies`, dana, { business: W.northwind })).body,
    ).toEqual({ success: true });
    const left = await f.graph('GET', `${W.northwind}/client_ad_accounts`, nora);
    expect(idsOf(left)).toEqual([W.birchAd]);
  });

  it('DELETE /{agency}/clients drops a client from the agency side', async () => {
    await share(dana, W.adUs, ['ANALYZE']);
    expect(
      (await f.graph('DELETE', `${W.northwind}/clients`, nora, { business: W.acme })).body,
    ).toEqual({ success: true });
    expectGraphError(
      await f.graph('DELETE', `${W.northwind}/clients`, nora, { business: W.acme }),
      100,
    );
  });
});

describe('agency-side reads and assigned users', () => {
  it('client_ad_accounts lists shared accounts with permitted_tasks', async () => {
    await share(dana, W.adUs, ['ADVERTISE', 'ANALYZE']);
    const res = await f.graph('GET', `${W.northwind}/client_ad_accounts`, nora, {
      fields: 'id,name,permitted_tasks',
    });
    const ids = idsOf(res);
    expect(ids).toContain(W.adUs);
    expect(ids).toContain(W.birchAd);
  });

  it('a business the person is not in is (#200)', async () => {
    expectGraphError(await f.graph('GET', `${W.acme}/owned_ad_accounts`, nora), 200);
  });

  it('the agency admin assigns its employee within the share; GET needs business', async () => {
    await share(dana, W.adUs, ['ADVERTISE', 'ANALYZE']);
    const assign = await f.graph('POST', `${W.adUs}/assigned_users`, nora, {
      user: W.omar,
      tasks: '["ANALYZE"]',
      business: W.northwind,
    });
    expect(assign.body).toEqual({ success: true });
    expectGraphError(await f.graph('GET', `${W.adUs}/assigned_users`, nora), 100);
    const list = await f.graph('GET', `${W.adUs}/assigned_users`, nora, { business: W.northwind });
    expect(list.body.data).toEqual([
      { id: W.omar, name: 'Omar Haddad', tasks: ['ANALYZE'], permitted_tasks: ['ANALYZE'] },
    ]);
    const omar = await f.tokenFor(W.omar);
    expect(
      (await f.graph('GET', W.adUs, omar, { fields: 'id,user_tasks' })).body.user_tasks,
    ).toEqual(['ANALYZE']);
  });

  it('assigning someone outside the business is (#100); a stranger cannot assign (100/33)', async () => {
    await share(dana, W.adUs, ['ANALYZE']);
    expectGraphError(
      await f.graph('POST', `${W.adUs}/assigned_users`, nora, {
        user: W.bea,
        tasks: '["ANALYZE"]',
        business: W.northwind,
      }),
      100,
    );
    const bea = await f.tokenFor(W.bea);
    expectGraphError(
      await f.graph('POST', `${W.adUs}/assigned_users`, bea, {
        user: W.bea,
        tasks: '["ANALYZE"]',
      }),
      100,
      33,
    );
  });
});

describe('transport rules', () => {
  it('no token is 104, an unknown token is 190', async () => {
    expectGraphError(await f.graph('GET', 'me'), 104);
    expectGraphError(await f.graph('GET', 'me', 'EAAnot-a-token'), 190);
  });

  it('appsecret_proof is required by this app and must match', async () => {
    const url = `${f.base}/graph/v25.0/me`;
    const missing = await fetch(url, { headers: { authorization: `Bearer ${dana}` } });
    expect(
      ((await missing.json()) as { error: { code: number; type: string } }).error,
    ).toMatchObject({ code: 100, type: 'GraphMethodException' });
    const wrong = await fetch(`${url}?appsecret_proof=${'0'.repeat(64)}`, {
      headers: { authorization: `Bearer ${dana}` },
    });
    expect(wrong.status).toBe(400);
  });

  it('accepts access_token in the query (as the SDKs send it) and logs where it came from, not its value', async () => {
    const res = await fetch(
      `${f.base}/graph/v25.0/me?access_token=${dana}&appsecret_proof=${(await import('node:crypto')).createHmac('sha256', 'meta-app-secret-1').update(dana).digest('hex')}`,
    );
    expect(res.status).toBe(200);
    const entry = f.log().at(-1)!;
    expect(entry.tokenIn).toBe('query');
    expect(JSON.stringify(entry)).not.toContain(dana);
  });

  it('every version Meta still serves answers; a retired one is Graph error 2500', async () => {
    for (const version of ['v22.0', 'v23.0', 'v24.0', 'v25.0', 'v26.0']) {
      expect((await f.graph('GET', 'me', dana, {}, version)).status).toBe(200);
    }
    expectGraphError(await f.graph('GET', 'me', dana, {}, 'v21.0'), 2500);
    expectGraphError(await f.graph('GET', 'me', dana, {}, 'v19.0'), 2500);
  });

  it('an unknown field or edge is (#100) nonexisting field', async () => {
    const res = await f.graph('GET', W.adUs, dana, { fields: 'id,bogus' });
    expectGraphError(res, 100);
    expect(res.body.error.message).toBe(
      '(#100) Tried accessing nonexisting field (bogus) on node type (AdAccount)',
    );
    expectGraphError(await f.graph('GET', `${W.acme}/bogus_edge`, dana), 100);
  });
});

describe('malformed requests', () => {
  it('a malformed JSON body on the Graph host is Graph error 100, not a framework error', async () => {
    const res = await fetch(`${f.base}/graph/v25.0/${W.adUs}/agencies`, {
      method: 'POST',
      headers: { authorization: `Bearer ${dana}`, 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: number; fbtrace_id: string } };
    expect(body.error.code).toBe(100);
    expect(body.error.fbtrace_id).toEqual(expect.any(String));
  });
});
