import { useState, type FormEvent } from 'react';
import { apiFetch, describeError } from './api.ts';
import { DashboardLayout } from './layout.tsx';
import { useApi } from './use-api.ts';
import { wordsOf } from '../../components/platform-words.ts';
import { EmptyState } from '../../components/empty-state.tsx';

interface Item {
  platform: string;
  assetType: string;
  permissionLevel: string;
}
interface Template {
  id: string;
  name: string;
  items: Item[];
}
interface Options {
  platforms: {
    id: string;
    name: string;
    assetTypes: { id: string; label: string; levels: { id: string; label: string }[] }[];
  }[];
}

/** /app/templates: reusable request templates; managers and owners create and delete them. */
export function TemplatesPage() {
  const templates = useApi<{ templates: Template[] }>('/api/v1/templates');
  const options = useApi<Options>('/api/v1/template-options');
  const [problem, setProblem] = useState<string | undefined>();
  const words = wordsOf(options.data);
  const choices =
    options.data?.platforms.flatMap((platform) =>
      platform.assetTypes.flatMap((type) =>
        type.levels.map((level) => ({
          value: `${platform.id}|${type.id}|${level.id}`,
          label: `${platform.name} · ${type.label} · ${level.label}`,
        })),
      ),
    ) ?? [];
  const create = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const fields = new FormData(form);
    const items = fields.getAll('item').map((value) => {
      const [platform, assetType, permissionLevel] = (typeof value === 'string' ? value : '').split(
        '|',
      );
      return { platform, assetType, permissionLevel };
    });
    try {
      await apiFetch('/api/v1/templates', {
        method: 'POST',
        body: { name: fields.get('name'), items },
      });
      form.reset();
      setProblem(undefined);
      templates.reload();
    } catch (failure) {
      setProblem(describeError(failure));
    }
  };
  const remove = async (id: string) => {
    await apiFetch(`/api/v1/templates/${id}`, { method: 'DELETE' }).catch((failure: unknown) =>
      setProblem(describeError(failure)),
    );
    templates.reload();
  };
  return (
    <DashboardLayout title="Templates">
      {(me) => {
        const canWrite = me.user.role === 'owner' || me.user.role === 'manager';
        return (
          <>
            <ul className="list" aria-label="Templates">
              {templates.data?.templates.map((template) => (
                <li key={template.id}>
                  <span>
                    <strong>{template.name}</strong>{' '}
                    <small>
                      {template.items
                        .map(
                          (item) =>
                            `${words.assetType(item.platform, item.assetType)} (${words.level(item.platform, item.assetType, item.permissionLevel)})`,
                        )
                        .join(', ')}
                    </small>
                  </span>
                  {canWrite && (
                    <button type="button" onClick={() => void remove(template.id)}>
                      Delete
                    </button>
                  )}
                </li>
              ))}
            </ul>
            {templates.data?.templates.length === 0 && (
              <EmptyState title="No templates yet">
                {canWrite
                  ? 'A template is a set of assets and levels you ask for often. Make one below, then pick it on a new request.'
                  : 'A manager or owner makes templates; you can then pick them on a new request.'}
              </EmptyState>
            )}
            {canWrite && (
              <form className="stack" onSubmit={(event) => void create(event)}>
                <h2>New template</h2>
                <label>
                  Name <input name="name" required maxLength={120} />
                </label>
                <fieldset>
                  <legend>What to ask for</legend>
                  {choices.map((choice) => (
                    <label key={choice.value} className="check">
                      <input type="checkbox" name="item" value={choice.value} /> {choice.label}
                    </label>
                  ))}
                </fieldset>
                <button type="submit">Save template</button>
              </form>
            )}
            {problem && <p role="alert">{problem}</p>}
          </>
        );
      }}
    </DashboardLayout>
  );
}
