// oauth2/access_token/, oauth2/advertiser/get/, oauth2/revoke_token/ (tiktok-api.md §1, §2).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { denyPermission } from '../model/errors.ts';
import { findAsset } from '../model/indexes.ts';
import { exchangeAuthCode, revokeToken, tokenAdvertisers } from '../model/oauth.ts';
import type { SandboxRuntime } from '../runtime.ts';
import { defineEndpoint } from './endpoint.ts';
import { strict } from './schemas.ts';

/** Numeric scope IDs returned with a token; their meanings are unpublished (unverified item 7). */
export const SANDBOX_SCOPES = [4];

/** Registers the advertiser OAuth endpoints. */
export function registerOauthRoutes(app: FastifyInstance, rt: SandboxRuntime): void {
  defineEndpoint(app, rt, {
    method: 'POST',
    path: 'oauth2/access_token/',
    auth: false,
    input: strict({
      app_id: z.string(),
      secret: z.string(),
      auth_code: z.string(),
      return_advertiser_ids: z.boolean().optional(),
    }),
    handle: (body) => {
      const result = rt.model.mutate((ctx) =>
        exchangeAuthCode(ctx, rt.apps, {
          appId: body.app_id,
          secret: body.secret,
          authCode: body.auth_code,
        }),
      );
      if ('refused' in result) throw result.refused;
      return {
        access_token: result.accessToken,
        ...(body.return_advertiser_ids === false ? {} : { advertiser_ids: result.advertiserIds }),
        scope: SANDBOX_SCOPES,
      };
    },
  });

  defineEndpoint(app, rt, {
    method: 'GET',
    path: 'oauth2/advertiser/get/',
    auth: true,
    input: strict({ app_id: z.string(), secret: z.string() }),
    handle: (query, token) => {
      const app = rt.apps.find((a) => a.appId === query.app_id);
      if (!app || app.secret !== query.secret || token?.appId !== app.appId)
        denyPermission('app_id or secret is invalid');
      const list = tokenAdvertisers(rt.model, token).map((id) => ({
        advertiser_id: id,
        advertiser_name: findAsset(rt.model, id)?.name ?? '',
      }));
      return { list };
    },
  });

  defineEndpoint(app, rt, {
    method: 'POST',
    path: 'oauth2/revoke_token/',
    auth: false,
    input: strict({ app_id: z.string(), secret: z.string(), access_token: z.string() }),
    handle: (body) => {
      const record = rt.model.mutate((ctx) =>
        revokeToken(ctx, rt.apps, {
          appId: body.app_id,
          secret: body.secret,
          accessToken: body.access_token,
        }),
      );
      return { app_id: record.appId, advertiser_ids: record.advertiserIds };
    },
  });
}
