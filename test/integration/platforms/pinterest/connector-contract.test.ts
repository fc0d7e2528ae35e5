// The shared connector contract, run for Pinterest against its sandbox over loopback HTTP.
import { describeConnectorContract } from '../connector-contract.ts';
import { startPinterestContractFixture } from './fixture.ts';

describeConnectorContract('pinterest', startPinterestContractFixture);
