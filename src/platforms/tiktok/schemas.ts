/**
 * Zod shapes of the `data` TikTok returns on the endpoints the connector calls. Fields the
 * official spec does not declare (tiktok-api.md unverified items 3, 4, 7) are optional/nullable,
 * so a real answer that omits them still parses.
 */
import { z } from 'zod';
import { pagedData } from './client.ts';

const id = z.union([z.string(), z.number()]).transform(String);
const maybe = <T extends z.ZodType>(schema: T) => schema.nullish();

/** §1 `oauth2/access_token/` data ([GO] model/oauth/access_token.go, secondary). */
export const AccessTokenDataSchema = z.object({
  access_token: z.string().min(1),
  advertiser_ids: maybe(z.array(id)),
  scope: maybe(z.array(z.union([z.number(), z.string()]))),
});

/** §2 `oauth2/advertiser/get/` data. */
/** oauth2/revoke_token/ `data` (tiktok-api.md §1, secondary: Go SDK). */
export const RevokeTokenDataSchema = z.object({
  app_id: z.string().optional(),
  advertiser_ids: z.array(z.string()).optional(),
});

export const AdvertiserGetDataSchema = z.object({
  list: z.array(z.object({ advertiser_id: id, advertiser_name: maybe(z.string()) })),
});

/** §3 `bc/get/` list item. */
export const BcItemSchema = z.object({
  bc_info: z.object({ bc_id: id, name: maybe(z.string()) }).loose(),
  user_role: maybe(z.string()),
});
export type BcItem = z.output<typeof BcItemSchema>;
export const BcGetDataSchema = pagedData(BcItemSchema);

/** §4 / §4a / §9d asset item (`bc/asset/get/`, `bc/asset/admin/get/`, `bc/partner/asset/get/`). */
export const AssetItemSchema = z
  .object({
    asset_id: id,
    asset_name: maybe(z.string()),
    asset_type: z.string(),
    advertiser_role: maybe(z.string()),
    catalog_role: maybe(z.string()),
    tt_account_roles: maybe(z.array(z.string())),
    owner_bc_name: maybe(z.string()),
    pixel_code: maybe(z.string()),
    relation_status: maybe(z.string()),
    relation_type: maybe(z.string()),
  })
  .loose();
export type AssetItem = z.output<typeof AssetItemSchema>;
export const AssetListDataSchema = pagedData(AssetItemSchema);

/** §9b / §10 partner item (`bc/partner/get/`, `bc/asset/partner/get/`), secondary fields. */
export const PartnerItemSchema = z.object({ bc_id: id, bc_name: maybe(z.string()) }).loose();
export type PartnerItem = z.output<typeof PartnerItemSchema>;
export const PartnerListDataSchema = pagedData(PartnerItemSchema);

/** §7 `bc/asset/member/get/` item, secondary fields. */
export const AssetMemberItemSchema = z
  .object({
    user_id: maybe(id),
    user_email: maybe(z.string()),
    user_role: maybe(z.string()),
    relation_status: maybe(z.string()),
    advertiser_role: maybe(z.string()),
    catalog_role: maybe(z.string()),
  })
  .loose();
export const AssetMemberListDataSchema = pagedData(AssetMemberItemSchema);

/** §11 `bc/asset/account/authorization/` data (secondary: [GO] only). */
export const AccountAuthorizationDataSchema = z.object({ bc_auth_qr_code: z.string().min(1) });

/** Mutating endpoints declare `data: object` with no fields (unverified item 2): accept anything. */
export const NoDataSchema = z.unknown();
