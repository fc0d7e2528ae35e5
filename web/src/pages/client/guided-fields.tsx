import type { GuidedInput, OnboardingView } from './client-api.ts';
import { translateAsset, type Language, type Translate } from './messages.ts';

/** The client's typed values per `platform:assetType` (checked again by the server). */
export type GuidedValues = Readonly<Record<string, Readonly<Record<string, string>>>>;

/** The input for one asked item, or undefined while its fields are empty. */
export function guidedInputOf(
  item: OnboardingView['request']['items'][number],
  values: GuidedValues,
): GuidedInput | undefined {
  const v = values[`${item.platform}:${item.assetType}`] ?? {};
  const text = (name: string) => (v[name] ?? '').trim();
  switch (item.clientInput) {
    case 'site_url':
      return text('siteUrl') ? { kind: 'site_url', siteUrl: text('siteUrl') } : undefined;
    case 'channel':
      return text('channel') ? { kind: 'channel', channel: text('channel') } : undefined;
    case 'ads_account_id':
      return text('accountId')
        ? { kind: 'ads_account_id', accountId: text('accountId') }
        : undefined;
    case 'store_and_code':
      return text('storeUrl')
        ? {
            kind: 'store_and_code',
            storeUrl: text('storeUrl'),
            ...(text('collaboratorCode') ? { collaboratorCode: text('collaboratorCode') } : {}),
          }
        : undefined;
    case 'custom_fields': {
      // A custom tool: every field the agency defined (the server checks kinds and required ones).
      const fields = Object.fromEntries(
        (item.custom?.fields ?? []).map((f) => [f.id, text(f.id)] as const),
      );
      const missing = (item.custom?.fields ?? []).some((f) => f.required && !text(f.id));
      return missing ? undefined : { kind: 'custom_fields', fields };
    }
    default:
      return undefined;
  }
}

/** A custom tool's steps and fields, as the agency defined them. */
function CustomToolFields(props: {
  item: OnboardingView['request']['items'][number];
  values: GuidedValues;
  onChange: (key: string, name: string, value: string) => void;
}) {
  const { item } = props;
  const key = `${item.platform}:${item.assetType}`;
  const custom = item.custom;
  if (!custom) return null;
  return (
    <fieldset data-testid={`custom-tool-${item.assetType}`}>
      <legend>
        {custom.logo && <img src={custom.logo} alt="" width={20} height={20} />}{' '}
        {item.assetTypeLabel} <small>({item.levelLabel})</small>
      </legend>
      <ol className="lk-steps">
        {custom.steps.map((step, index) => (
          <li key={index}>{step}</li>
        ))}
      </ol>
      {custom.actionUrl && (
        <p>
          <a href={custom.actionUrl} target="_blank" rel="noreferrer noopener">
            {item.assetTypeLabel} ↗
          </a>
        </p>
      )}
      {custom.fields.map((field) => (
        <label key={field.id} className="lk-field">
          {field.label}
          {field.required ? ' *' : ''}
          <input
            type={field.kind}
            required={field.required}
            value={props.values[key]?.[field.id] ?? ''}
            onChange={(e) => props.onChange(key, field.id, e.target.value)}
            maxLength={300}
            data-testid={`custom-${item.assetType}-${field.id}`}
          />
        </label>
      ))}
    </fieldset>
  );
}

const fieldsOf = {
  site_url: [{ name: 'siteUrl', label: 'guided_site_url' }],
  channel: [{ name: 'channel', label: 'guided_channel' }],
  ads_account_id: [{ name: 'accountId', label: 'guided_ads_account' }],
  store_and_code: [
    { name: 'storeUrl', label: 'guided_store' },
    { name: 'collaboratorCode', label: 'guided_code' },
  ],
} as const;

/** The fields of a guided platform's items: what the client names before approving. */
export function GuidedFields(props: {
  items: OnboardingView['request']['items'];
  values: GuidedValues;
  onChange: (key: string, name: string, value: string) => void;
  t: Translate;
  language: Language;
}) {
  return (
    <div className="lk-picker">
      {props.items.map((item) => {
        const key = `${item.platform}:${item.assetType}`;
        if (item.clientInput === 'custom_fields')
          return (
            <CustomToolFields
              key={key}
              item={item}
              values={props.values}
              onChange={props.onChange}
            />
          );
        const fields = item.clientInput ? fieldsOf[item.clientInput] : [];
        const words = translateAsset(props.language, item);
        return (
          <fieldset key={key}>
            <legend>
              {words.type} <small>({words.level})</small>
            </legend>
            {fields.map((field) => (
              <label key={field.name} className="lk-field">
                {props.t(field.label)}
                <input
                  type="text"
                  value={props.values[key]?.[field.name] ?? ''}
                  onChange={(e) => props.onChange(key, field.name, e.target.value)}
                  inputMode={field.name === 'collaboratorCode' ? 'numeric' : undefined}
                  maxLength={field.name === 'collaboratorCode' ? 4 : 300}
                  data-testid={`guided-${item.platform}-${field.name}`}
                />
              </label>
            ))}
          </fieldset>
        );
      })}
    </div>
  );
}
