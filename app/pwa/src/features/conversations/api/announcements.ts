import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useQuery, type QueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { api, must } from '../../../api/client';
import { useRequest, type After } from '../../../api/mutation';
import { kept } from '../../../offline/kept';
import { attemptFor, type Attempt } from '../announcements';
import { announcementKeys } from './keys';
import type { Announcement, AnnouncementComment, AnnouncementPage, AnnouncementRequest } from './types';

// Announcements: his feed (pinned first, then the newest), one with its comments, commenting, and posting one.

const PAGE = 20;

export const getAnnouncements = (page: number, size: number) => must(api.GET('/api/v1/announcements', { params: { query: { page, size } } }));

/** The newest few, for Home; kept on the device, so that Home opens offline. */
export const latestAnnouncementsQuery = (n: number) =>
  queryOptions({ queryKey: announcementKeys.latest(n), queryFn: kept('announcements/latest/' + n, () => getAnnouncements(0, n)) });

export const useLatestAnnouncements = (n: number) => useQuery(latestAnnouncementsQuery(n));

/** His feed page by page; the first page is kept on the device. */
export const announcementsQuery = () =>
  infiniteQueryOptions({
    queryKey: announcementKeys.feed(),
    queryFn: ({ pageParam }) => (pageParam === 0 ? kept('announcements', () => getAnnouncements(0, PAGE))() : getAnnouncements(pageParam, PAGE)),
    initialPageParam: 0,
    getNextPageParam: (last: AnnouncementPage) => ((last.page + 1) * last.size < last.totalItems ? last.page + 1 : undefined),
  });

export const useAnnouncements = () => useInfiniteQuery(announcementsQuery());

/** The feed's pages as one list: an announcement posted while he reads moves the others down a page, so one may come twice. */
export const feedOf = (pages: readonly AnnouncementPage[]): Announcement[] => {
  const seen = new Set<string>();
  return pages.flatMap((page) => page.items).filter((a) => !seen.has(a.id) && Boolean(seen.add(a.id)));
};

export const getAnnouncement = (id: string) => must(api.GET('/api/v1/announcements/{id}', { params: { path: { id } } }));

/** One announcement with its comments, oldest first; kept on the device to read offline. */
export const announcementQuery = (id: string) =>
  queryOptions({ queryKey: announcementKeys.detail(id), queryFn: kept('announcement/' + id, () => getAnnouncement(id)) });

/** The active circles he sees (all for leadership and admins, his own for a facilitator): the form picks from them. */
export const getCircles = () => must(api.GET('/api/v1/circles', { params: { query: { status: 'ACTIVE', size: 200 } } }));

export const circlesQuery = () => queryOptions({ queryKey: announcementKeys.circles(), queryFn: getCircles });

/** A comment under the Idempotency-Key of its attempt (403/404 when not his to read, 409 COMMENTS_CLOSED when comments are off). */
export const postComment = (announcementId: string, attempt: Attempt) =>
  must(api.POST('/api/v1/announcements/{id}/comments', {
    params: { path: { id: announcementId }, header: { 'Idempotency-Key': attempt.key } },
    body: { text: attempt.text },
  }));

/** His comment under the announcement (once, though a repeated key answers it again), and the feed's counts read again. */
const addComment = (announcementId: string) => (queries: QueryClient, comment: AnnouncementComment) => {
  queries.setQueryData<Announcement>(announcementKeys.detail(announcementId), (announcement) =>
    announcement && !announcement.comments.some((c) => c.id === comment.id)
      ? { ...announcement, comments: [...announcement.comments, comment], commentCount: announcement.commentCount + 1 }
      : announcement,
  );
  void queries.invalidateQueries({ queryKey: announcementKeys.lists() });
};

/**
 * Comments on an announcement: `send(text)` makes the Idempotency-Key when he presses send, and keeps it for that text
 * until it has gone through, so that sending again after a network error cannot write it twice.
 */
export function useComment(announcementId: string, after?: After<AnnouncementComment, Attempt>) {
  const unsent = useRef<Attempt | null>(null);
  const request = useRequest((attempt: Attempt) => postComment(announcementId, attempt), addComment(announcementId), {
    onSuccess: (comment, attempt) => {
      unsent.current = null;
      after?.onSuccess?.(comment, attempt);
    },
  });
  const send = (text: string) => {
    const attempt = attemptFor(unsent.current, text);
    unsent.current = attempt;
    request.mutate(attempt);
  };
  return { send, error: request.error, isPending: request.isPending, reset: request.reset };
}

/** Posts an announcement under the Idempotency-Key made when the form opened: a second submit answers the first one. */
export const postAnnouncement = (v: { request: AnnouncementRequest; key: string }) =>
  must(api.POST('/api/v1/announcements', { params: { header: { 'Idempotency-Key': v.key } }, body: v.request }));

export const usePostAnnouncement = (after?: After<Announcement, { request: AnnouncementRequest; key: string }>) =>
  useRequest(
    postAnnouncement,
    (queries, announcement) => {
      queries.setQueryData(announcementKeys.detail(announcement.id), announcement);
      void queries.invalidateQueries({ queryKey: announcementKeys.lists() });
    },
    after,
  );
