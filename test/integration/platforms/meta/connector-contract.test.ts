// The shared connector contract, run for Meta against its sandbox over loopback HTTP.
import { describeConnectorContract } from '../connector-contract.ts';
import { startMetaContractFixture } from './fixture.ts';

describeConnectorContract('meta', startMetaContractFixture);
