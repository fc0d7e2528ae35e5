/**
 * Who did it, in words: the names behind audit actor ids (a member's name and email, an API key's
 * name), read for one agency only so an id from elsewhere never resolves.
 */
import type { Executor } from './audit.ts';
import type { ActorKind } from './schema.ts';

export interface ActorRef {
  readonly actorKind: ActorKind;
  readonly actorId: string | null;
}

/** What a person reads for an actor: "Ana Ruiz (ana@agency.example)", "API key “CRM sync”". */
export type ActorNames = ReadonlyMap<string, string>;

/** The key of one actor in `ActorNames`. */
export function actorKey(actor: ActorRef): string {
  return `${actor.actorKind}:${actor.actorId ?? ''}`;
}

/** Looks up the names of the users and API keys among `actors`, within the agency. */
export async function findActorNames(
  db: Executor,
  agencyId: string,
  actors: readonly ActorRef[],
): Promise<ActorNames> {
  const ids = (kind: ActorKind) => [
    ...new Set(actors.filter((a) => a.actorKind === kind && a.actorId).map((a) => a.actorId!)),
  ];
  const userIds = ids('user');
  const keyIds = ids('api_key');
  const names = new Map<string, string>();
  if (userIds.length > 0) {
    const users = await db
      .selectFrom('users')
      .select(['id', 'name', 'email'])
      .where('agency_id', '=', agencyId)
      .where('id', 'in', userIds)
      .execute();
    for (const u of users) names.set(`user:${u.id}`, `${u.name} (${u.email})`);
  }
  if (keyIds.length > 0) {
    const keys = await db
      .selectFrom('api_keys')
      .select(['id', 'name'])
      .where('agency_id', '=', agencyId)
      .where('id', 'in', keyIds)
      .execute();
    for (const k of keys) names.set(`api_key:${k.id}`, `API key “${k.name}”`);
  }
  return names;
}

/** The words for one actor: its looked-up name, else what kind of actor it was. */
export function describeActor(names: ActorNames, actor: ActorRef): string {
  const known = names.get(actorKey(actor));
  if (known) return known;
  switch (actor.actorKind) {
    case 'client':
      return 'The client';
    case 'system':
      return 'Latchkey';
    case 'api_key':
      return 'A deleted API key';
    default:
      return 'A former member';
  }
}
