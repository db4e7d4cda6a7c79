import { partialMatchKey } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { announcementKeys, conversationKeys } from './keys';

const reaches = (invalidated: readonly unknown[], key: readonly unknown[]) => partialMatchKey(key, invalidated);

describe('the keys of conversations', () => {
  it('name his list, each conversation, its messages, his blocks and a search', () => {
    expect(conversationKeys.list()).toEqual(['conversations', 'mine']);
    expect(conversationKeys.detail('c1')).toEqual(['conversations', 'one', 'c1']);
    expect(conversationKeys.messages('c1')).toEqual(['conversations', 'one', 'c1', 'messages']);
    expect(conversationKeys.circle('k1')).toEqual(['conversations', 'circle', 'k1']);
    expect(conversationKeys.event('e1')).toEqual(['conversations', 'event', 'e1']);
    expect(conversationKeys.direct('p1')).toEqual(['conversations', 'with', 'p1']);
    expect(conversationKeys.blocks()).toEqual(['conversations', 'blocks']);
    expect(conversationKeys.search('retreat')).toEqual(['messages', 'search', 'retreat']);
  });

  it('let a conversation reach its own messages and no other, and keep the list apart from each conversation', () => {
    expect(reaches(conversationKeys.detail('c1'), conversationKeys.messages('c1'))).toBe(true);
    expect(reaches(conversationKeys.detail('c2'), conversationKeys.messages('c1'))).toBe(false);
    expect(reaches(conversationKeys.list(), conversationKeys.detail('c1'))).toBe(false);
    expect(reaches(conversationKeys.all, conversationKeys.list())).toBe(true);
    expect(reaches(conversationKeys.all, conversationKeys.search('x'))).toBe(false);
  });
});

describe('the keys of announcements', () => {
  it('name the feed, the newest few, each announcement and the circles to post to', () => {
    expect(announcementKeys.feed()).toEqual(['announcements', 'list', 'feed']);
    expect(announcementKeys.latest(3)).toEqual(['announcements', 'list', 'latest', 3]);
    expect(announcementKeys.detail('a1')).toEqual(['announcements', 'one', 'a1']);
    expect(announcementKeys.circles()).toEqual(['announcements', 'circles']);
  });

  it('let a new announcement or comment reach the feed and Home, but not each announcement or the chats', () => {
    expect(reaches(announcementKeys.lists(), announcementKeys.feed())).toBe(true);
    expect(reaches(announcementKeys.lists(), announcementKeys.latest(3))).toBe(true);
    expect(reaches(announcementKeys.lists(), announcementKeys.detail('a1'))).toBe(false);
    expect(reaches(conversationKeys.all, announcementKeys.feed())).toBe(false);
  });
});
