import { partialMatchKey } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { conversationKeys } from './keys';

const reaches = (invalidated: readonly unknown[], key: readonly unknown[]) => partialMatchKey(key, invalidated);

describe('the keys of conversations', () => {
  it('name his list, each conversation, its messages and a search', () => {
    expect(conversationKeys.list()).toEqual(['conversations', 'mine']);
    expect(conversationKeys.detail('c1')).toEqual(['conversations', 'one', 'c1']);
    expect(conversationKeys.messages('c1')).toEqual(['conversations', 'one', 'c1', 'messages']);
    expect(conversationKeys.circle('k1')).toEqual(['conversations', 'circle', 'k1']);
    expect(conversationKeys.event('e1')).toEqual(['conversations', 'event', 'e1']);
    expect(conversationKeys.direct('p1')).toEqual(['conversations', 'with', 'p1']);
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
