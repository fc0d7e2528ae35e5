// Graph-host OAuth calls (meta-api.md §1.2-§1.4): /oauth/access_token and /debug_token.
import { GraphError } from '../model/errors.ts';
import {
  checkClient,
  debugToken,
  exchangeCode,
  issueToken,
  resolveToken,
  TOKEN_TTL_S,
} from '../model/oauth.ts';
import { requireParam, type GraphCall } from './call.ts';

/**
 * GET (or POST) /oauth/access_token: `code` + exact `redirect_uri` (+ `code_verifier` when the
 * dialog got a PKCE challenge), or `grant_type=fb_exchange_token` for a long-lived token.
 */
export function accessToken(call: GraphCall): unknown {
  const clientId = requireParam(call, 'client_id');
  const secret = requireParam(call, 'client_secret');
  const app = checkClient(call.rt.apps, clientId, secret);
  const model = call.rt.model;
  if (call.params.grant_type === 'fb_exchange_token') {
    const short = requireParam(call, 'fb_exchange_token');
    const fresh = model.mutate((ctx) => {
      const row = resolveToken(ctx, short);
      if (row.appId !== app.appId) {
        throw new GraphError(100, 'Invalid fb_exchange_token for this app', {
          type: 'OAuthException',
        });
      }
      return issueToken(ctx, { ...row, pageId: row.pageId });
    });
    return { access_token: fresh.token, token_type: 'bearer', expires_in: TOKEN_TTL_S };
  }
  const code = requireParam(call, 'code');
  const redirectUri = requireParam(call, 'redirect_uri');
  const token = model.mutate((ctx) =>
    exchangeCode(ctx, app, { code, redirectUri, codeVerifier: call.params.code_verifier }),
  );
  return { access_token: token.token, token_type: 'bearer', expires_in: TOKEN_TTL_S };
}

/** GET /debug_token?input_token=…, authorised by the app token `{app-id}|{app-secret}`. */
export function debugTokenCall(call: GraphCall): unknown {
  const [appId, secret] = (call.bearer ?? '').split('|');
  if (appId === undefined || secret === undefined) {
    throw new GraphError(190, '(#190) This method must be called with an app access token.', {
      type: 'OAuthException',
    });
  }
  checkClient(call.rt.apps, appId, secret);
  const input = requireParam(call, 'input_token');
  return { data: debugToken(call.rt.model, call.rt.apps, input) };
}
