import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Highlighted, segments } from './highlight';

const marked = (text: string, ranges: [number, number][]) =>
  segments(text, ranges.map(([start, end]) => ({ start, end }))).map((s) => (s.marked ? '[' + s.text + ']' : s.text)).join('');

describe('highlights of a found message', () => {
  afterEach(cleanup);

  it('mark the ranges in the text', () => {
    expect(marked('the retreat is near', [[4, 11]])).toBe('the [retreat] is near');
  });

  it('mark a range at the very start and one at the very end', () => {
    expect(marked('retreat in spring', [[0, 7], [11, 17]])).toBe('[retreat] in [spring]');
  });

  it('join adjacent and overlapping ranges into one mark, in any order', () => {
    expect(segments('abcdef', [{ start: 2, end: 4 }, { start: 0, end: 2 }])).toEqual([{ text: 'abcd', marked: true }, { text: 'ef', marked: false }]);
    expect(marked('abcdef', [[1, 4], [3, 5]])).toBe('a[bcde]f');
  });

  it('clamp ranges to the text and drop empty ones', () => {
    expect(marked('short', [[3, 99], [2, 2], [-4, 1]])).toBe('[s]ho[rt]');
    expect(marked('', [[0, 3]])).toBe('');
  });

  it('count in UTF-16 code units, as the server does', () => {
    expect(marked('🔥 fire', [[3, 7]])).toBe('🔥 [fire]');
  });

  it('render marks as elements and the text as text, never as HTML', () => {
    const { container } = render(<p><Highlighted text="<b>retreat</b> soon" highlights={[{ start: 3, end: 10 }]} /></p>);

    expect(container.querySelectorAll('mark')).toHaveLength(1);
    expect(container.querySelector('mark')?.textContent).toBe('retreat');
    expect(container.querySelector('b')).toBeNull();
    expect(container.textContent).toBe('<b>retreat</b> soon');
  });
});
