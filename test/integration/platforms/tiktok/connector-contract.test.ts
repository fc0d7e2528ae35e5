// The shared connector contract, run for TikTok against its sandbox over loopback HTTP.
import { describeConnectorContract } from '../connector-contract.ts';
import { startTikTokContractFixture } from './connector-fixture.ts';

describeConnectorContract('tiktok', startTikTokContractFixture);
