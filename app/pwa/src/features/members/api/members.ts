import { keepPreviousData, queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import { api, must } from '../../../api/client';
import { useRequest, type After } from '../../../api/mutation';
import type { RequestQuery } from '../../../api/types';
import { fullName } from '../../../ui/format';
import { memberKeys } from './keys';
import type { Person, PersonStatus, Role } from './types';

export const getMembers = (query: RequestQuery<'/api/v1/members', 'get'>) => must(api.GET('/api/v1/members', { params: { query } }));

/** A page of 25 of the admin's list; the page shown stays while the next loads. */
export const membersQuery = (search: string, status: string, page: number) =>
  queryOptions({
    queryKey: memberKeys.list(search, status, page),
    queryFn: () => getMembers({ q: search || undefined, status: (status || undefined) as PersonStatus | undefined, page, size: 25 }),
    placeholderData: keepPreviousData,
  });

/** Everyone (the first 200); one who may not list people gets no one, once. */
export const allMembersQuery = () =>
  queryOptions({ queryKey: memberKeys.all(), queryFn: () => getMembers({ size: 200 }).catch(() => ({ items: [] })), retry: false });

/** A man's full name by his id, once everyone has been read (for screens of other features, through the route). */
export function useMemberNames(): (personId: string) => string | undefined {
  const people = useQuery(allMembersQuery());
  return (personId) => {
    const person = people.data?.items.find((p) => p.id === personId);
    return person ? fullName(person) : undefined;
  };
}

/** Support's search: by name or email, from two letters on. */
export const supportSearchQuery = (q: string) =>
  queryOptions({ queryKey: memberKeys.support(q), enabled: q.trim().length >= 2, queryFn: () => getMembers({ q: q.trim(), size: 20 }) });

export const getMember = (id: string) => must(api.GET('/api/v1/members/{id}', { params: { path: { id } } }));

export const memberQuery = (id: string) => queryOptions({ queryKey: memberKeys.detail(id), queryFn: () => getMember(id) });

/**
 * After a change to a man: his page from the answer (or from the server when the answer is not him), and the lists,
 * which show roles and status too.
 */
const readAgain = (queries: QueryClient, id: string, changed?: Person) => {
  if (changed) {
    queries.setQueryData(memberKeys.detail(id), changed);
  } else {
    void queries.invalidateQueries({ queryKey: memberKeys.detail(id) });
  }
  void queries.invalidateQueries({ queryKey: memberKeys.lists });
};

export type AccountAction = 'approve' | 'deactivate' | 'reactivate';

export const changeAccount = (id: string, action: AccountAction) => {
  const path = { params: { path: { id } } };
  if (action === 'approve') return must(api.POST('/api/v1/members/{id}/approve', path));
  if (action === 'deactivate') return must(api.POST('/api/v1/members/{id}/deactivate', path));
  return must(api.POST('/api/v1/members/{id}/reactivate', path));
};

/** Approves, deactivates or reactivates his account. */
export const useChangeAccount = (id: string, after?: After<Person, AccountAction>) =>
  useRequest((action: AccountAction) => changeAccount(id, action), (queries, changed) => readAgain(queries, id, changed), after);

export const grantRole = (id: string, v: { role: Role; validUntil: string | null }) =>
  must(api.POST('/api/v1/members/{id}/roles', { params: { path: { id } }, body: v }));

export const useGrantRole = (id: string, after?: After<unknown, { role: Role; validUntil: string | null }>) =>
  useRequest((v: { role: Role; validUntil: string | null }) => grantRole(id, v), (queries) => readAgain(queries, id), after);

export const revokeRole = (id: string, role: Role) => must(api.DELETE('/api/v1/members/{id}/roles/{role}', { params: { path: { id, role } } }));

export const useRevokeRole = (id: string) => useRequest((role: Role) => revokeRole(id, role), (queries) => readAgain(queries, id));

export const invite = (v: { email: string; role: Role }) => must(api.POST('/api/v1/members/invitations', { body: v }));

export const useInvite = () => useRequest(invite, null);
