// Reads of people and nodes (meta-api.md §2): /me, /me/businesses, /me/adaccounts, /me/permissions,
// /{id}. Business edges live in business-handlers.ts.
import { roleIn, userTasksOn } from '../model/access.ts';
import { unknownObject } from '../model/errors.ts';
import { issueToken } from '../model/oauth.ts';
import type { AccessToken, Asset } from '../model/types.ts';
import { requireScope, requireToken, type GraphCall } from './call.ts';
import { parseFields, renderNode } from './fields.ts';
import { paginate } from './paging.ts';
import { assetView, businessView, userView } from './present.ts';
import { findAsset } from '../model/access.ts';

function me(call: GraphCall, token: AccessToken) {
  const user = call.rt.model.state.users.find((u) => u.id === token.userId);
  if (!user) throw unknownObject('me', call.method);
  return user;
}

/** GET /me. */
export function getMe(call: GraphCall): unknown {
  const token = requireToken(call);
  return renderNode(userView(me(call, token)), parseFields(call.params.fields));
}

/** GET /me/businesses: the businesses the person has a role in. */
export function getMyBusinesses(call: GraphCall): unknown {
  const token = requireToken(call);
  requireScope(token, 'business_management');
  const state = call.rt.model.state;
  const rows = state.businesses.filter((b) => roleIn(state, token.userId, b.id) !== null);
  const fields = parseFields(call.params.fields);
  return paginate(
    rows,
    (b) => b.id,
    (b) => renderNode(businessView(state, b, token.userId), fields),
    call,
  );
}

/** GET /me/adaccounts (User edge, [SPEC:User]): every ad account the person holds tasks on. */
export function getMyAdAccounts(call: GraphCall): unknown {
  const token = requireToken(call);
  requireScope(token, 'ads_management', 'ads_read');
  const state = call.rt.model.state;
  const rows = state.assets.filter(
    (a) => a.kind === 'ad_account' && userTasksOn(state, token.userId, a).length > 0,
  );
  const fields = parseFields(call.params.fields);
  return paginate(
    rows,
    (a) => a.id,
    (a) => renderNode(assetView(state, a, token.userId), fields),
    call,
  );
}

/** GET /me/permissions: `{permission, status}` per scope the token holds. */
export function getMyPermissions(call: GraphCall): unknown {
  const token = requireToken(call);
  const rows = token.scopes.map((permission) => ({ permission, status: 'granted' }));
  return paginate(
    rows,
    (r) => r.permission,
    (r) => r,
    call,
  );
}

/** GET /{id}: an asset the caller can see, a business, or a person. */
export function getNode(call: GraphCall, id: string): unknown {
  const token = requireToken(call);
  const state = call.rt.model.state;
  const fields = parseFields(call.params.fields);
  const asset = findAsset(state, id);
  if (asset) {
    if (userTasksOn(state, token.userId, asset).length === 0) throw unknownObject(id, call.method);
    return renderNode(
      assetView(state, asset, token.userId, () => pageToken(call, token, asset)),
      fields,
    );
  }
  const business = state.businesses.find((b) => b.id === id);
  if (business) return renderNode(businessView(state, business, token.userId), fields);
  const user = state.users.find((u) => u.id === id);
  if (user) return renderNode(userView(user), fields);
  throw unknownObject(id, call.method);
}

/** The person's Page token for this app (reused while valid; minted on first read). */
function pageToken(call: GraphCall, token: AccessToken, page: Asset): string {
  const now = call.rt.model.now();
  const existing = call.rt.model.state.tokens.find(
    (t) =>
      t.type === 'PAGE' &&
      t.pageId === page.id &&
      t.userId === token.userId &&
      t.appId === token.appId &&
      t.valid &&
      new Date(t.expiresAt) > now,
  );
  if (existing) return existing.token;
  return call.rt.model.mutate(
    (ctx) =>
      issueToken(ctx, {
        type: 'PAGE',
        appId: token.appId,
        userId: token.userId,
        pageId: page.id,
        scopes: token.scopes,
      }).token,
  );
}
