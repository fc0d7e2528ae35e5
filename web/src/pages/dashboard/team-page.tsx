import { useState, type FormEvent } from 'react';
import { apiFetch, describeError } from './api.ts';
import { DashboardLayout } from './layout.tsx';
import { useApi } from './use-api.ts';
import { humanize } from '../../format/names.ts';

interface Team {
  members: { id: string; name: string; email: string; role: string }[];
  invitations: { id: string; email: string; role: string; expiresAt: string }[];
}

/** /app/team: members and invitations; managers and owners invite and remove. */
export function TeamPage() {
  const { data, reload } = useApi<Team>('/api/v1/team');
  const [acceptUrl, setAcceptUrl] = useState<string | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const invite = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const fields = new FormData(form);
    try {
      const created = await apiFetch<{ acceptUrl: string }>('/api/v1/team/invitations', {
        method: 'POST',
        body: { email: fields.get('email'), role: fields.get('role') },
      });
      setAcceptUrl(created.acceptUrl);
      setProblem(undefined);
      form.reset();
      reload();
    } catch (failure) {
      setProblem(describeError(failure));
    }
  };
  const act = async (path: string) => {
    await apiFetch(path, { method: 'DELETE' }).catch((failure: unknown) =>
      setProblem(describeError(failure)),
    );
    reload();
  };
  return (
    <DashboardLayout title="Team">
      {(me) => {
        const canManage = me.user.role === 'owner' || me.user.role === 'manager';
        return (
          <>
            <ul className="list" aria-label="Members">
              {data?.members.map((member) => (
                <li key={member.id}>
                  <span>
                    {member.name} <small>{member.email}</small> · {humanize(member.role)}
                  </span>
                  {canManage && member.id !== me.user.id && (
                    <button
                      type="button"
                      onClick={() => void act(`/api/v1/team/members/${member.id}`)}
                    >
                      Remove
                    </button>
                  )}
                </li>
              ))}
            </ul>
            <h2>Invitations</h2>
            <ul className="list" aria-label="Invitations">
              {data?.invitations.map((invitation) => (
                <li key={invitation.id}>
                  <span>
                    {invitation.email} · {humanize(invitation.role)}
                  </span>
                  {canManage && (
                    <button
                      type="button"
                      onClick={() => void act(`/api/v1/team/invitations/${invitation.id}`)}
                    >
                      Revoke
                    </button>
                  )}
                </li>
              ))}
              {data?.invitations.length === 0 && <li>No open invitations.</li>}
            </ul>
            {canManage && (
              <form className="inline" onSubmit={(event) => void invite(event)}>
                <input name="email" type="email" required placeholder="Email" aria-label="Email" />
                <select name="role" aria-label="Role" defaultValue="member">
                  <option value="viewer">Viewer</option>
                  <option value="member">Member</option>
                  <option value="manager">Manager</option>
                  {me.user.role === 'owner' && <option value="owner">Owner</option>}
                </select>
                <button type="submit">Invite</button>
              </form>
            )}
            {acceptUrl && (
              <p className="notice">
                Send this link to your teammate (shown once):{' '}
                <code data-testid="accept-url">{acceptUrl}</code>
              </p>
            )}
            {problem && <p role="alert">{problem}</p>}
          </>
        );
      }}
    </DashboardLayout>
  );
}
