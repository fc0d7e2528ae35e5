import { PlatformName } from '../../components/platform-logo.tsx';
import type { PlatformOptions, RequestItem } from './types.ts';

/** The chosen level per `platform|assetType`; absent means not asked for. */
export type Selection = Readonly<Record<string, string>>;

/** The key of one asset type in a selection. */
export function selectionKey(platform: string, assetType: string): string {
  return `${platform}|${assetType}`;
}

/** Turns a selection into request items, in the manifests' order. */
export function itemsOf(options: PlatformOptions, selection: Selection): RequestItem[] {
  return options.platforms.flatMap((platform) =>
    platform.assetTypes.flatMap((type) => {
      const level = selection[selectionKey(platform.id, type.id)];
      return level ? [{ platform: platform.id, assetType: type.id, permissionLevel: level }] : [];
    }),
  );
}

/** Builds a selection from items (a template's, or the advisor's proposal). */
export function selectionOf(items: readonly RequestItem[]): Selection {
  return Object.fromEntries(
    items.map((item) => [selectionKey(item.platform, item.assetType), item.permissionLevel]),
  );
}

/**
 * The assets by platform: tick an asset type to ask for it and pick its permission level; the
 * types and levels come from the platform manifests, so nothing can be typed wrong.
 */
export function AssetChooser(props: {
  options: PlatformOptions;
  selection: Selection;
  onChange: (next: Selection) => void;
}) {
  const set = (key: string, level: string | undefined) => {
    const next: Record<string, string> = { ...props.selection };
    if (level) next[key] = level;
    else delete next[key];
    props.onChange(next);
  };
  return (
    <div className="rq-platforms">
      {props.options.platforms.map((platform) => (
        <fieldset key={platform.id} className="rq-platform">
          <legend>
            <PlatformName platform={platform.id} name={platform.name} />
          </legend>
          {platform.assetTypes.map((type) => {
            const key = selectionKey(platform.id, type.id);
            const level = props.selection[key];
            const first = type.levels[0]?.id;
            const id = `asset-${platform.id}-${type.id}`;
            return (
              <div key={key} className="rq-asset-row">
                <label className="check" htmlFor={id}>
                  <input
                    id={id}
                    type="checkbox"
                    checked={Boolean(level)}
                    data-testid={id}
                    onChange={(e) => set(key, e.target.checked ? (level ?? first) : undefined)}
                  />{' '}
                  {type.label}
                </label>
                <select
                  aria-label={`${platform.name} ${type.label} permission level`}
                  data-testid={`level-${platform.id}-${type.id}`}
                  value={level ?? first ?? ''}
                  disabled={!level}
                  onChange={(e) => set(key, e.target.value)}
                >
                  {type.levels.map((l) => (
                    <option key={l.id} value={l.id}>
                      {l.label}
                    </option>
                  ))}
                </select>
                {level && (
                  <small className="rq-muted rq-level-note">
                    {type.levels.find((l) => l.id === level)?.description}
                  </small>
                )}
              </div>
            );
          })}
        </fieldset>
      ))}
    </div>
  );
}
