/**
 * One link covering TikTok, Meta, LinkedIn, Microsoft Advertising, Pinterest and Snapchat, clicked
 * in one Chromium browser against a running Latchkey in sandbox mode (issue #12): the agency's
 * person signs in, connects its own account on each platform from Settings (each sandbox's
 * sign-in and consent pages), creates one request for an ad account on each and opens the link
 * in a new tab of the same browser, where the client connects each platform: the sandbox still
 * knows the agency's person, so the client says "Not you?" on each consent page, picks itself,
 * consents, ticks its ad account, and approves. What happens at the platforms' side (the agency
 * accepting the TikTok partner invitation and the Snapchat organization invitation) goes through
 * the sandboxes' control API; Latchkey's re-checks pick it up. The agency's request page then
 * shows every grant granted and the receipt, and each sandbox's own model shows the agency
 * holding exactly what was asked for.
 *
 * No API shortcut for what a person does, no cookie set or removed by the test; every step fails
 * on a console error or failed request it did not expect (the journey's recorder), and axe checks
 * the client's consent pages, "Not you?" included.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { TEST_PASSWORD } from '../support/agency.ts';
import { startE2eEnvironment, type E2eEnvironment } from '../support/e2e-runtime.ts';
import { journeyRecorder } from '../support/journey.ts';
import { captureLogger } from '../support/logger.ts';
import { control } from '../support/onboarding.ts';
import { controlAuth } from '../support/sandbox-control.ts';

type Platform = 'tiktok' | 'meta' | 'linkedin' | 'pinterest' | 'microsoft_ads' | 'snapchat';

interface Cast {
  /** Whose sandbox this is (Runtime.sandboxes). */
  readonly sandbox: 'tiktok' | 'meta' | 'linkedin' | 'pinterest' | 'microsoft_ads' | 'snapchat';
  /** Sign-in buttons of the agency's person and the client's, and the consent page's "allow". */
  readonly agencyPerson: string;
  readonly clientPerson: string;
  readonly allow: string;
  /** Where grants go on the agency's side (Settings' picker). */
  readonly agencyBusiness: string;
  /** What the request asks for, and the client's ad account ticked. */
  readonly assetType: string;
  readonly level: string;
  readonly asset: string;
}

/** The sandbox people and things this test clicks (worlds/*.json, the Snapchat default world). */
const CAST: Record<Platform, Cast> = {
  tiktok: {
    sandbox: 'tiktok',
    agencyPerson: 'sign-in-nora@northwind-media.example',
    clientPerson: 'sign-in-dana@acme-outdoor.example',
    allow: 'consent-approve',
    agencyBusiness: '7200000000000000002',
    assetType: 'advertiser',
    level: 'OPERATOR',
    asset: '7300000000000000001',
  },
  meta: {
    sandbox: 'meta',
    agencyPerson: 'signin-user-100000000000010',
    clientPerson: 'signin-user-100000000000001',
    allow: 'consent-allow',
    agencyBusiness: '200000000000010',
    assetType: 'ad_account',
    level: 'partial',
    asset: 'act_300000000000001',
  },
  linkedin: {
    sandbox: 'linkedin',
    agencyPerson: 'signin-member-n0raL1ndq10',
    clientPerson: 'signin-member-dAnAr3y3s01',
    allow: 'consent-allow',
    agencyBusiness: 'n0raL1ndq10',
    assetType: 'ad_account',
    level: 'campaign_manager',
    asset: '507000001',
  },
  pinterest: {
    sandbox: 'pinterest',
    agencyPerson: 'sign-in-1100000000000001',
    clientPerson: 'sign-in-1100000000000003',
    allow: 'oauth-allow',
    agencyBusiness: '1200000000000001',
    assetType: 'ad_account',
    level: 'campaign_manager',
    asset: '549700000001',
  },
  microsoft_ads: {
    sandbox: 'microsoft_ads',
    agencyPerson: 'signin-user-70000010',
    clientPerson: 'signin-user-70000001',
    allow: 'consent-accept',
    agencyBusiness: '81000010',
    assetType: 'ad_account',
    level: 'client_link',
    asset: '150000002',
  },
  snapchat: {
    sandbox: 'snapchat',
    agencyPerson: 'signin-nora@northwind-media.example',
    clientPerson: 'signin-dana@acme-outdoor.example',
    allow: 'consent-allow',
    agencyBusiness: 'nora@northwind-media.example',
    assetType: 'ad_account',
    level: 'general',
    asset: '00000000-0000-4000-8000-000000000201',
  },
};
const PLATFORMS = Object.keys(CAST) as Platform[];
const NORA = { email: 'nora@northwind-media.example', tiktokUser: '7100000000000000003' };
const ORGS = {
  tiktokAcme: '7200000000000000001',
  snapAcme: '00000000-0000-4000-8000-000000000200',
};

let env: E2eEnvironment | undefined;
const logs = captureLogger('info');

beforeAll(async () => {
  env = await startE2eEnvironment('six', logs.logger);
}, 120_000);

afterAll(async () => env?.close());

const sandboxOf = (platform: Platform): string => env?.sandboxes[CAST[platform].sandbox] ?? '';

/** A sandbox's own model of who holds what (its control API, read-only). */
async function stateOf<T>(platform: Platform): Promise<T> {
  const response = await fetch(`${sandboxOf(platform)}/_control/state`, { headers: controlAuth });
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

describe('one link, six platforms, one browser', () => {
  it('takes the agency from Settings to the receipt with TikTok, Meta, LinkedIn, Microsoft Advertising, Pinterest and Snapchat', async () => {
    if (!env) throw new Error('the e2e environment is not started');
    const { url, browser, agency } = env;
    for (const platform of PLATFORMS) expect(sandboxOf(platform)).not.toBe('');
    const journey = journeyRecorder({ shots: path.resolve('test-results/six-platforms') });
    onTestFailed(async () => {
      console.log(
        `steps:\n${journey.log.join('\n')}\n\npages:\n${await journey.lastSight()}\n\nlog:\n${logs.lines.slice(-30).join('')}`,
      );
    });
    const context = await browser.newContext({ locale: 'en-US' });
    journey.watch(context);
    // Latchkey's pages link /favicon.svg; the sandboxes' sites (other origins) have no favicon.
    journey.tolerate(/\/favicon\.ico\)$/);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);

    // 1. The agency's person signs in.
    await page.goto(`${url}/app/sign-in`);
    await page.getByLabel('Email').fill(agency.owner.user.email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/app$/);
    await journey.step('signed-in', page, { axe: false });

    // 2. Settings: connect the agency's own account on each platform, then pick where grants go.
    const menu = page.getByRole('navigation', { name: 'Dashboard' });
    await menu.getByRole('link', { name: 'Settings' }).click();
    for (const platform of PLATFORMS) {
      const cast = CAST[platform];
      await page.getByTestId(`connect-${platform}`).click();
      await page.getByTestId(cast.agencyPerson).click();
      await page.getByTestId(cast.allow).click();
      await page.waitForURL(/\/app\/settings/);
      await page
        .getByTestId(`connection-${platform}`)
        .getByText(/^Connected\. Now pick the/)
        .waitFor();
      await page.getByTestId(`business-${platform}`).selectOption(cast.agencyBusiness);
      if (await page.getByTestId(`choose-business-${platform}`).isEnabled())
        await page.getByTestId(`choose-business-${platform}`).click();
      await expect
        .poll(() => page.getByTestId(`connected-business-${platform}`).textContent())
        .toContain('Grants go to');
      await journey.step(`settings-${platform}`, page, { axe: false });
    }

    // 3. One request: an ad account on each platform.
    await menu.getByRole('link', { name: 'Requests' }).click();
    await page.getByRole('link', { name: /New request/ }).click();
    await page.getByTestId('title').fill('Ads on six platforms for Acme');
    for (const platform of PLATFORMS) {
      const { assetType, level } = CAST[platform];
      await page.getByTestId(`asset-${platform}-${assetType}`).check();
      await page.getByTestId(`level-${platform}-${assetType}`).selectOption(level);
    }
    await page.getByTestId('create-request').click();
    const link = await page.getByTestId('request-link').inputValue();
    expect(link).toMatch(/\/l\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    await journey.step('link-once', page, { axe: false });

    // 4. The link, in a new tab of the same browser: each platform still knows the agency's
    // person, so the client switches to its own account on each consent page.
    const client = await context.newPage();
    client.setDefaultTimeout(20_000);
    await client.goto(link);
    await client.getByRole('heading', { name: 'Northwind Media asks for access' }).waitFor();
    for (const platform of PLATFORMS) await client.getByTestId(`step-${platform}`).waitFor();
    await journey.step('client-link', client, { axe: false });
    for (const platform of PLATFORMS) {
      const cast = CAST[platform];
      await client.getByTestId(`connect-${platform}`).click();
      await client.getByTestId('switch-account').waitFor();
      expect(await client.getByTestId('signed-in-as').textContent()).toContain('Nora Lindqvist');
      await journey.step(`client-${platform}-signed-in-as-agency`, client);
      await client.getByTestId('switch-account').click();
      await client.getByTestId(cast.clientPerson).click();
      await client.getByTestId(cast.allow).waitFor();
      expect(await client.getByTestId('signed-in-as').textContent()).toContain('Dana Reyes');
      await journey.step(`client-${platform}-consent`, client);
      await client.getByTestId(cast.allow).click();
      await client.getByTestId(`pick-${cast.asset}`).check();
      expect(client.url()).toBe(link);
    }
    for (const platform of PLATFORMS)
      expect(await client.getByTestId(`pick-${CAST[platform].asset}`).isChecked()).toBe(true);
    await journey.step('client-ticked', client, { axe: false });
    await client.getByTestId('approve').click();

    // 5. The platforms' side: the agency accepts TikTok's partner invitation and joins the
    // client's Snapchat organization; Latchkey's re-checks read both back by themselves.
    const waiting = (platform: Platform) =>
      client.locator(
        `[data-testid="grant-${CAST[platform].asset}"][data-status="pending_acceptance"]`,
      );
    await waiting('tiktok').waitFor({ timeout: 30_000 });
    await waiting('snapchat').waitFor({ timeout: 30_000 });
    await journey.step('client-waits-for-agency', client, { axe: false });
    await control({ base: sandboxOf('tiktok') }, 'partners/accept', {
      bc_id: CAST.tiktok.agencyBusiness,
      owner_bc_id: ORGS.tiktokAcme,
      user_id: NORA.tiktokUser,
    });
    const snap = await stateOf<{
      members: { id: string; organizationId: string; email: string; status: string }[];
    }>('snapchat');
    const invited = snap.members.find(
      (m) => m.organizationId === ORGS.snapAcme && m.email === NORA.email && m.status === 'INVITED',
    );
    expect(invited).toBeDefined();
    const accepted = await fetch(`${sandboxOf('snapchat')}/_control/invitations/accept`, {
      method: 'POST',
      headers: { ...controlAuth, 'content-type': 'application/json' },
      body: JSON.stringify({ email: NORA.email, member_id: invited?.id }),
    });
    expect(accepted.status).toBe(200);

    // 6. The client's page, then the agency's request page: everything granted, the receipts.
    for (const platform of PLATFORMS)
      await client
        .locator(`[data-testid="grant-${CAST[platform].asset}"][data-status="granted"]`)
        .waitFor({ timeout: 60_000 });
    await client.getByTestId('receipt').waitFor();
    expect(await client.getByTestId('receipt').textContent()).toContain('Northwind Media');
    await journey.step('client-receipt', client, { axe: false });
    await page.getByTestId('view-request').click();
    await page.getByTestId('request-detail').waitFor();
    for (const platform of PLATFORMS)
      await page
        .getByTestId(`grant-${CAST[platform].asset}`)
        .locator('[data-status="granted"]')
        .waitFor({ timeout: 30_000 });
    const receipt = page.getByTestId('receipt');
    await receipt.waitFor();
    expect(await receipt.getByRole('row').count()).toBe(1 + PLATFORMS.length);
    await journey.step('agency-receipt', page, { axe: false });
    await context.close();

    // 7. Each platform's own model: the agency holds exactly what was asked for.
    await verifyHoldings();
  }, 240_000);
});

/** Ids of the client's (Acme Outdoor's) side in each sandbox's world. */
const ACME = {
  tiktokBc: '7200000000000000001',
  metaBusiness: '200000000000001',
  linkedinOrganizations: [10001001, 10001002, 10001003],
  pinterestBusiness: '1200000000000002',
  microsoftCustomer: '81000001',
  snapOrganization: '00000000-0000-4000-8000-000000000200',
};

/**
 * Each sandbox's own model of who holds what: the agency holds on the client's side exactly the
 * asset and level the request asked for, and nothing more (no other asset, no second role, no
 * invitation left open).
 */
async function verifyHoldings(): Promise<void> {
  const tiktok = (await control({ base: sandboxOf('tiktok') }, 'state')) as {
    assets: { assetId: string; ownerBcId: string | null }[];
    holdings: {
      bcId: string;
      assetId: string;
      relationType: string;
      status: string;
      roles: string[];
    }[];
  };
  const acmeTikTok = new Set(
    tiktok.assets.filter((a) => a.ownerBcId === ACME.tiktokBc).map((a) => a.assetId),
  );
  expect(
    tiktok.holdings
      .filter((h) => h.bcId === CAST.tiktok.agencyBusiness && acmeTikTok.has(h.assetId))
      .map((h) => [h.assetId, h.relationType, h.status, h.roles]),
  ).toEqual([[CAST.tiktok.asset, 'OWNER_PARTNER', 'BOUND', ['OPERATOR']]]);

  const meta = await stateOf<{
    assets: { id: string; ownerBusinessId: string | null }[];
    shares: { assetId: string; partnerBusinessId: string; tasks: string[]; accessStatus: string }[];
  }>('meta');
  const acmeMeta = new Set(
    meta.assets.filter((a) => a.ownerBusinessId === ACME.metaBusiness).map((a) => a.id),
  );
  expect(
    meta.shares
      .filter((x) => x.partnerBusinessId === CAST.meta.agencyBusiness && acmeMeta.has(x.assetId))
      .map((x) => [`act_${x.assetId}`, [...x.tasks].sort(), x.accessStatus]),
  ).toEqual([[CAST.meta.asset, ['ADVERTISE', 'ANALYZE'], 'CONFIRMED']]);

  const linkedin = await stateOf<{
    adAccounts: { id: number; organization: number }[];
    adAccountUsers: { account: number; member: string; role: string }[];
    organizationAcls: { organization: number; member: string; state: string }[];
  }>('linkedin');
  const acmeLinkedIn = new Set(
    linkedin.adAccounts
      .filter((a) => ACME.linkedinOrganizations.includes(a.organization))
      .map((a) => a.id),
  );
  expect(
    linkedin.adAccountUsers
      .filter((u) => u.member === CAST.linkedin.agencyBusiness && acmeLinkedIn.has(u.account))
      .map((u) => [String(u.account), u.role]),
  ).toEqual([[CAST.linkedin.asset, 'CAMPAIGN_MANAGER']]);
  expect(
    linkedin.organizationAcls.filter(
      (a) =>
        a.member === CAST.linkedin.agencyBusiness &&
        ACME.linkedinOrganizations.includes(a.organization),
    ),
  ).toEqual([]);

  const pinterest = await stateOf<{
    partnerAccess: {
      ownerBusinessId: string;
      partnerBusinessId: string;
      assetId: string;
      permissions: string[];
    }[];
    invites: { senderBusinessId: string; targetBusinessId: string; status: string }[];
  }>('pinterest');
  expect(
    pinterest.partnerAccess
      .filter(
        (x) =>
          x.ownerBusinessId === ACME.pinterestBusiness &&
          x.partnerBusinessId === CAST.pinterest.agencyBusiness,
      )
      .map((x) => [x.assetId, x.permissions]),
  ).toEqual([[CAST.pinterest.asset, ['CAMPAIGN_MANAGER']]]);
  expect(
    pinterest.invites.filter(
      (i) =>
        i.senderBusinessId === ACME.pinterestBusiness &&
        i.targetBusinessId === CAST.pinterest.agencyBusiness &&
        i.status === 'PENDING',
    ),
  ).toEqual([]);

  const microsoft = await stateOf<{
    accounts: { id: string; customerId: string }[];
    links: { clientAccountId: string; managingCustomerId: string; status: string }[];
    invitations: unknown[];
  }>('microsoft_ads');
  const acmeMicrosoft = new Set(
    microsoft.accounts.filter((a) => a.customerId === ACME.microsoftCustomer).map((a) => a.id),
  );
  expect(
    microsoft.links
      .filter(
        (l) =>
          l.managingCustomerId === CAST.microsoft_ads.agencyBusiness &&
          acmeMicrosoft.has(l.clientAccountId),
      )
      .map((l) => [l.clientAccountId, l.status]),
  ).toEqual([[CAST.microsoft_ads.asset, 'Active']]);
  expect(microsoft.invitations).toEqual([]);

  const snapchat = await stateOf<{
    members: { id: string; organizationId: string; email: string; status: string }[];
    roles: {
      memberId: string;
      organizationId: string | null;
      adAccountId: string | null;
      type: string;
    }[];
  }>('snapchat');
  const membership = snapchat.members.filter(
    (m) => m.organizationId === ACME.snapOrganization && m.email === NORA.email,
  );
  expect(membership.map((m) => m.status)).toEqual(['MEMBER']);
  expect(
    snapchat.roles
      .filter((r) => r.memberId === membership[0]?.id)
      .map((r) => [r.organizationId, r.adAccountId, r.type]),
  ).toEqual([
    // Joining the organization makes Nora a plain member (Snap's `member` role); the ad account
    // role is the one asked for, and no organization-wide admin role comes with it.
    [ACME.snapOrganization, null, 'member'],
    [null, CAST.snapchat.asset, 'general'],
  ]);
}
