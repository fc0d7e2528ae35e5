import { useState, type ChangeEvent, type FormEvent } from 'react';
import { apiFetch, describeError } from './api.ts';
import { DashboardLayout } from './layout.tsx';
import { useApi } from './use-api.ts';
import { ApiKeysSection } from './api-keys-section.tsx';
import { AgencyConnectionsSection } from '../requests/agency-connections-section.tsx';

interface Branding {
  displayName: string;
  slug: string;
  brandColor: string | null;
  logoUrl: string | null;
}

const MAX_LOGO_BYTES = 96 * 1024;

/** /app/settings: branding (name, logo, colour, link slug) and API keys. */
export function SettingsPage() {
  return (
    <DashboardLayout title="Settings">
      {(me) => (
        <>
          <BrandingSection canEdit={me.user.role === 'owner' || me.user.role === 'manager'} />
          {(me.user.role === 'owner' || me.user.role === 'manager') && <ApiKeysSection />}
          <AgencyConnectionsSection
            canEdit={me.user.role === 'owner' || me.user.role === 'manager'}
          />
        </>
      )}
    </DashboardLayout>
  );
}

function BrandingSection(props: { canEdit: boolean }) {
  const { data, reload } = useApi<{ branding: Branding }>('/api/v1/branding');
  const [logo, setLogo] = useState<string | null | undefined>();
  const [message, setMessage] = useState<string | undefined>();
  const pickLogo = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    if (file.size > MAX_LOGO_BYTES) return setMessage('The logo must be 96 KiB or smaller');
    const reader = new FileReader();
    reader.onload = () => {
      if (typeof reader.result === 'string') setLogo(reader.result);
    };
    reader.readAsDataURL(file);
  };
  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const fields = new FormData(event.currentTarget);
    try {
      await apiFetch('/api/v1/branding', {
        method: 'PATCH',
        body: {
          displayName: fields.get('displayName'),
          slug: fields.get('slug'),
          brandColor: fields.get('brandColor'),
          ...(logo === undefined ? {} : { logoUrl: logo }),
        },
      });
      setMessage('Saved');
      reload();
    } catch (failure) {
      setMessage(describeError(failure));
    }
  };
  const branding = data?.branding;
  if (!branding) return <p>Loading…</p>;
  const shownLogo = logo === undefined ? branding.logoUrl : logo;
  return (
    <form className="stack" onSubmit={(event) => void save(event)}>
      <h2>Branding</h2>
      <label>
        Display name <input name="displayName" defaultValue={branding.displayName} required />
      </label>
      <label>
        Link slug{' '}
        <input name="slug" defaultValue={branding.slug} pattern="[a-z0-9]+(-[a-z0-9]+)*" />
      </label>
      <label>
        Colour{' '}
        <input name="brandColor" type="color" defaultValue={branding.brandColor ?? '#1d4ed8'} />
      </label>
      <label>
        Logo (PNG, JPEG, GIF or WebP, 96 KiB at most)
        <input type="file" accept="image/png,image/jpeg,image/gif,image/webp" onChange={pickLogo} />
      </label>
      {shownLogo && <img src={shownLogo} alt="Logo preview" className="logo-preview" />}
      {props.canEdit && <button type="submit">Save branding</button>}
      {message && <p role="status">{message}</p>}
    </form>
  );
}
