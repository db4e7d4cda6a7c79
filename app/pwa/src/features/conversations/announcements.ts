import { t } from '../../i18n/t';
import type { Announcement, Audience, Circle, Role } from './api/types';
import { bytesOf } from './thread';

// What the announcements screens show and offer, worked out from what the server answered and who he is: no React, no requests.

/** Whom it is for, in words: "To everyone", "To the production team", "To Tuesday Circle". */
export function audienceLabel(announcement: Pick<Announcement, 'audience' | 'role' | 'circleName'>): string {
  switch (announcement.audience) {
    case 'ORGANISATION':
      return t('announcements.toEveryone');
    case 'ROLE':
      return announcement.role ? t('announcements.toRole.' + announcement.role) : t('announcements.toARole');
    case 'CIRCLE':
      return announcement.circleName ? t('announcements.toCircle', { circle: announcement.circleName }) : t('announcements.toACircle');
  }
}

/** "No comments", "1 comment", "4 comments". */
export const commentCount = (n: number): string => t('announcements.comments.' + (n === 0 ? 'zero' : n === 1 ? 'one' : 'other'), { n });

/** The first lines of a body, for the feed: at most `lines` lines that are not blank and `chars` characters, with "…" where it was cut. */
export function excerpt(body: string, lines = 3, chars = 240): string {
  const all = body.split(/\r?\n/).map((line) => line.trimEnd()).filter((line) => line.trim() !== '');
  let text = all.slice(0, lines).join('\n');
  let cut = all.length > lines;
  if (text.length > chars) {
    text = text.slice(0, chars).replace(/\s+\S*$/, '');
    cut = true;
  }
  return cut ? text + '…' : text;
}

/** Every role an announcement may be for, in the order the form lists them (a role the server adds fails tsc here). */
export const ROLES = Object.keys({ MEMBER: 1, FACILITATOR: 1, PTM: 1, ADMIN: 1, LEADERSHIP: 1, SUPPORT: 1, CARE: 1 } satisfies Record<Role, 1>) as Role[];

/**
 * Whom he may post to: holders of announcements.post (admins, leadership) to everyone, a role or a circle;
 * facilitators (circles.manage) to the circles they run; anyone else to no one.
 */
export function audiencesFor(permissions: readonly string[]): Audience[] {
  if (permissions.includes('announcements.post')) {
    return ['ORGANISATION', 'ROLE', 'CIRCLE'];
  }
  return permissions.includes('circles.manage') ? ['CIRCLE'] : [];
}

export const mayPost = (permissions: readonly string[]): boolean => audiencesFor(permissions).length > 0;

/** The circles he may post to: every one for holders of announcements.post, else those he facilitates. */
export function circlesFor(circles: readonly Circle[], me: string | undefined, permissions: readonly string[]): Circle[] {
  if (permissions.includes('announcements.post')) {
    return [...circles];
  }
  return permissions.includes('circles.manage') ? circles.filter((circle) => circle.facilitators.some((f) => f.id === me)) : [];
}

/** The server takes a title of at most 200 bytes of UTF-8 and a body of at most 8 KB. */
export const MAX_TITLE_BYTES = 200;
export const MAX_BODY_BYTES = 8192;

/** What the server would refuse in a title or a body before it is sent: blank, or too long. */
export function fieldProblem(text: string, maxBytes: number): 'blank' | 'tooLong' | null {
  if (text.trim() === '') {
    return 'blank';
  }
  return bytesOf(text.trim()) > maxBytes ? 'tooLong' : null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Today as a date field writes it (YYYY-MM-DD, local): the first day a pin may last to. */
export const today = (now: Date = new Date()): string => `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;

/** "Pin until 12 December" keeps it on top through that day: the pin ends at the local midnight after it. Empty: no pin. */
export function pinEnd(date: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) {
    return null;
  }
  const [, year, month, day] = match.map(Number);
  return new Date(year, month - 1, day + 1).toISOString();
}

/** A comment he sends: its text and the Idempotency-Key made when he first pressed send. */
export interface Attempt {
  text: string;
  key: string;
}

/**
 * The attempt for pressing send with this text. Sending again the text that has not gone through (a network error, a
 * refusal) keeps its key, so that the server writes it once however often it arrives; other text is a new comment.
 */
export function attemptFor(unsent: Attempt | null, text: string, newKey: () => string = () => crypto.randomUUID()): Attempt {
  return unsent && unsent.text === text ? unsent : { text, key: newKey() };
}
