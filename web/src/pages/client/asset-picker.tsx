import type { AssetListing, OnboardingView } from './client-api.ts';
import { translateAsset, translateReason, type Language, type Translate } from './messages.ts';

/** The client's assets, grouped by what was asked, to tick (blocked ones explain why). */
export function AssetPicker(props: {
  listing: AssetListing;
  items: OnboardingView['request']['items'];
  selected: ReadonlySet<string>;
  onToggle: (key: string) => void;
  t: Translate;
  language: Language;
  agency: string;
  platform: string;
  platformName: string;
}) {
  const { listing, t } = props;
  return (
    <div className="lk-picker">
      {listing.notice && (
        <p className="lk-warning" data-testid="listing-notice">
          {translateReason(props.language, props.platform, listing.notice)}
        </p>
      )}
      {props.items.map((item) => {
        const assets = listing.assets.filter((a) => a.type === item.assetType);
        const words = translateAsset(props.language, item);
        return (
          <fieldset key={item.assetType}>
            <legend>
              {words.type} <small>({words.level})</small>
            </legend>
            {assets.length === 0 && (
              <p className="lk-note">
                {t('none', {
                  type: words.type,
                  platform: props.platformName,
                  agency: props.agency,
                })}
              </p>
            )}
            {assets.map((asset) => {
              const key = `${props.platform}:${asset.type}:${asset.id}`;
              return (
                <label key={key} className={asset.blocked ? 'lk-blocked' : ''}>
                  <input
                    type="checkbox"
                    disabled={Boolean(asset.blocked)}
                    checked={props.selected.has(key)}
                    onChange={() => props.onToggle(key)}
                    data-testid={`pick-${asset.id}`}
                  />{' '}
                  {asset.name} {asset.ownerName && <small>· {asset.ownerName}</small>}
                  {asset.blocked && (
                    <span className="lk-note">
                      {' '}
                      — {translateReason(props.language, props.platform, asset.blocked)}
                    </span>
                  )}
                </label>
              );
            })}
          </fieldset>
        );
      })}
    </div>
  );
}
