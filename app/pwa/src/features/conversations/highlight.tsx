import { Fragment } from 'react';
import type { Highlight } from './api/types';

export interface Segment {
  text: string;
  marked: boolean;
}

/**
 * A found message's text cut at its highlights ([start, end) in UTF-16 code units): ranges are clamped to the text,
 * empty ones dropped, and overlapping or touching ones joined, so that each marked stretch is one <mark>.
 */
export function segments(text: string, highlights: readonly Highlight[]): Segment[] {
  const ranges = highlights
    .map((h) => ({ start: Math.max(0, Math.min(h.start, text.length)), end: Math.max(0, Math.min(h.end, text.length)) }))
    .filter((r) => r.start < r.end)
    .sort((a, b) => a.start - b.start);
  const joined: { start: number; end: number }[] = [];
  for (const range of ranges) {
    const last = joined[joined.length - 1];
    if (last && range.start <= last.end) {
      last.end = Math.max(last.end, range.end);
    } else {
      joined.push({ ...range });
    }
  }
  const out: Segment[] = [];
  let at = 0;
  for (const range of joined) {
    if (range.start > at) {
      out.push({ text: text.slice(at, range.start), marked: false });
    }
    out.push({ text: text.slice(range.start, range.end), marked: true });
    at = range.end;
  }
  if (at < text.length) {
    out.push({ text: text.slice(at), marked: false });
  }
  return out;
}

/** The text with its highlights in <mark>, built as React nodes: the text is never read as HTML. */
export function Highlighted({ text, highlights }: { text: string; highlights: readonly Highlight[] }) {
  return (
    <>
      {segments(text, highlights).map((segment, i) => (segment.marked ? <mark key={i}>{segment.text}</mark> : <Fragment key={i}>{segment.text}</Fragment>))}
    </>
  );
}
