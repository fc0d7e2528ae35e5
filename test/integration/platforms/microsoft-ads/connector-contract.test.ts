// The shared connector contract, run for Microsoft Advertising against its sandbox over loopback.
import {
  createMicrosoftAdsConnector,
  microsoftAdsSandboxBaseUrls,
} from '../../../../src/platforms/microsoft-ads/connector.ts';
import { describeConnectorContract, type ConnectorContractFixture } from '../connector-contract.ts';
import { APP, CAST, consent, DEV_TOKEN, signIn, startSandbox, tokensFor } from './helpers.ts';

async function startFixture(): Promise<ConnectorContractFixture> {
  const sb = await startSandbox();
  const platform = createMicrosoftAdsConnector({
    baseUrls: microsoftAdsSandboxBaseUrls(sb.url),
    clientId: APP.clientId,
    clientSecret: APP.clientSecret,
    developerToken: DEV_TOKEN,
    now: () => sb.clock.now,
  });
  const linkWrites = () =>
    sb.sandbox.log.filter((e) => e.method === 'POST' && e.path.endsWith('/ClientLinks')).length;
  return {
    platform,
    redirectUri: APP.redirectUris[0]!,
    authorizeClient: async () => {
      const back = await consent(sb.url, await signIn(sb.url, CAST.dana), 'accept');
      return back.searchParams.get('code') ?? '';
    },
    agency: async () => ({
      businessId: CAST.northwind,
      accessToken: (await tokensFor(sb.url, CAST.nora)).access,
    }),
    apiAsset: {
      asset: { type: 'ad_account', id: CAST.acmeEu, ownerId: CAST.acme },
      level: 'client_link',
    },
    // The client's acceptance is part of the grant; Microsoft's own transition is immediate here.
    acceptPending: async () => {},
    grantWriteCount: () => Promise.resolve(linkWrites()),
    setFaults: (faults) => {
      sb.sandbox.setFaults(
        faults === 'throttle'
          ? { rateLimit: { requests: 0, perMs: 60_000 } }
          : faults === 'transient'
            ? { errorRate: 1 }
            : {},
      );
      return Promise.resolve();
    },
    reset: () => {
      sb.sandbox.reset();
      return Promise.resolve();
    },
    close: () => sb.close(),
  };
}

describeConnectorContract('microsoft_ads', startFixture);
