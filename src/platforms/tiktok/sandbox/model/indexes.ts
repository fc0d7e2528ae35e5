// Keyed lookups of assets, Business Centers, holdings, assignments and tokens (issue #16): each answers what the
// linear `find`/`filter` over the state it replaces answered, first match first. They rely on what
// the model does: these arrays only grow by `push`, and no code changes an asset's or BC's ID, a
// holding's or an assignment's asset, or a token's hash in place (src/lib/array-index.ts).
import { createArrayIndex } from '../../../../lib/array-index.ts';
import type {
  AccessToken,
  Asset,
  Assignment,
  BusinessCenter,
  Holding,
  ModelContext,
} from './types.ts';

const assetsById = createArrayIndex<Asset>((a) => a.assetId);
const bcsById = createArrayIndex<BusinessCenter>((b) => b.bcId);
// By asset: an asset has a handful of holdings (its owner and the partners it is shared with).
const holdingsByAsset = createArrayIndex<Holding>((h) => h.assetId);
const holdingsByBc = createArrayIndex<Holding>((h) => h.bcId);
// By asset too: an asset has few assignments; a member may have thousands.
const assignmentsByAsset = createArrayIndex<Assignment>((a) => a.assetId);
const tokensByHash = createArrayIndex<AccessToken>((t) => t.tokenHash);

/** The first asset with this ID (that passes `test`, if given). */
export function findAsset(
  ctx: ModelContext,
  assetId: string | null | undefined,
  test?: (asset: Asset) => boolean,
): Asset | undefined {
  return typeof assetId === 'string' ? assetsById.find(ctx.state.assets, assetId, test) : undefined;
}

/** The first Business Center with this ID. */
export function findBc(
  ctx: ModelContext,
  bcId: string | null | undefined,
): BusinessCenter | undefined {
  return typeof bcId === 'string' ? bcsById.find(ctx.state.businessCenters, bcId) : undefined;
}

/** The first relation of the BC to the asset (that passes `test`, if given), in any status. */
export function findHolding(
  ctx: ModelContext,
  bcId: string,
  assetId: string,
  test?: (holding: Holding) => boolean,
): Holding | undefined {
  return holdingsByAsset.find(
    ctx.state.holdings,
    assetId,
    (h) => h.bcId === bcId && (test === undefined || test(h)),
  );
}

/** Every relation of any BC to the asset, in state order (a fresh array). */
export function holdingsOfAsset(ctx: ModelContext, assetId: string): Holding[] {
  return holdingsByAsset.filter(ctx.state.holdings, assetId);
}

/** Every relation of the BC to any asset, in state order (a fresh array). */
export function holdingsOfBc(ctx: ModelContext, bcId: string): Holding[] {
  return holdingsByBc.filter(ctx.state.holdings, bcId);
}

/** The first assignment of the member of the BC to the asset. */
export function findAssignment(
  ctx: ModelContext,
  bcId: string,
  userId: string | null,
  assetId: string,
): Assignment | undefined {
  return assignmentsByAsset.find(
    ctx.state.assignments,
    assetId,
    (a) => a.bcId === bcId && a.userId === userId,
  );
}

/** The first token record with this hash. */
export function findTokenRecord(
  ctx: ModelContext,
  tokenHash: string | null,
): AccessToken | undefined {
  return tokenHash === null ? undefined : tokensByHash.find(ctx.state.tokens, tokenHash);
}
