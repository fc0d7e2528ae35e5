// The client page's guided fields turn what the client typed into the approval's input, one shape
// per kind (the server checks it again: src/platforms/manual/inputs.ts).
import { describe, expect, it } from 'vitest';
import { guidedInputOf } from '../../../web/src/pages/client/guided-fields.tsx';

const item = (clientInput: 'ads_account_id' | 'site_url') =>
  ({ platform: 'x_ads', assetType: 'x_ads_account', clientInput }) as Parameters<
    typeof guidedInputOf
  >[0];

describe('guided fields', () => {
  it('sends an X ads account id as ads_account_id, trimmed, and nothing while it is empty', () => {
    expect(
      guidedInputOf(item('ads_account_id'), {
        'x_ads:x_ads_account': { accountId: ' 18ce54d4x5t ' },
      }),
    ).toEqual({ kind: 'ads_account_id', accountId: '18ce54d4x5t' });
    expect(
      guidedInputOf(item('ads_account_id'), { 'x_ads:x_ads_account': { accountId: '  ' } }),
    ).toBeUndefined();
    expect(guidedInputOf(item('ads_account_id'), {})).toBeUndefined();
  });
});
