// The shared connector contract, run for LinkedIn against its sandbox over loopback HTTP.
import { describeConnectorContract } from '../connector-contract.ts';
import { startLinkedInContractFixture } from './fixture.ts';

describeConnectorContract('linkedin', startLinkedInContractFixture);
