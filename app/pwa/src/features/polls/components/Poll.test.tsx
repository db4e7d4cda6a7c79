import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import axe from 'axe-core';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { aChoice, aPoll, aSlot } from '../fixtures';
import type { Poll } from '../api/types';
import PollScreen from './Poll';

/** The poll as the server holds it, each answer and close it was sent, and the refusal it gives the next close. */
const server = vi.hoisted(() => ({
  poll: null as unknown as Poll,
  answers: [] as unknown[],
  closes: [] as unknown[],
  refuseClose: null as null | { status: number; code: string },
}));

vi.mock('../../../auth', () => ({ useAuth: () => ({ me: { person: { id: 'me' }, permissions: [], timeZone: 'Europe/Berlin' }, can: () => false }) }));

vi.mock('../../../api/client', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../api/client')>();
  const answer = (data: unknown, status = 200) => Promise.resolve({ data: structuredClone(data), response: new Response(null, { status }) });
  const refuse = (status: number, code: string) => Promise.resolve({ error: { status, code, detail: code }, response: new Response(null, { status }) });
  return {
    ...real,
    api: {
      GET: () => answer(server.poll),
      PUT: (_: string, init: { body: unknown }) => {
        server.answers.push(init.body);
        return answer({ ...server.poll, answered: true });
      },
      POST: (_: string, init: { body: unknown }) => {
        server.closes.push(init.body);
        if (server.refuseClose) {
          const { status, code } = server.refuseClose;
          server.refuseClose = null;
          return refuse(status, code);
        }
        server.poll = { ...server.poll, status: 'CLOSED', canClose: false, canAnswer: false, chosenOptionId: 's2', meetingStart: '2027-01-13T19:00:00Z', closedAt: '2027-01-06T09:00:00Z' };
        return answer(server.poll);
      },
    },
  };
});

// axe asks a canvas whether text is an icon font; jsdom has none to give.
beforeAll(() => void vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null));

function open() {
  return render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } })}>
      <MemoryRouter initialEntries={['/polls/p1']}>
        <Routes>
          <Route path="/polls/:id" element={<PollScreen />} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

const inLondon = (iso: string) =>
  new Intl.DateTimeFormat('en', { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' })
    .formatRange(new Date(iso), new Date(new Date(iso).getTime() + 90 * 60_000));

/** A circle's meeting-time poll in the circle's zone: Tuesday counts, Wednesday is short, Thursday is full and clashes for him. */
const meetingTime = (more: Partial<Poll> = {}) =>
  aPoll({
    timeZone: 'Europe/London', quorum: 2, respondents: 3, answered: true,
    options: [
      aSlot('s1', '2027-01-12T19:00:00Z', {
        yes: 2, ifNeedBe: 1, mine: 'YES', facilitatorCan: true, meetsQuorum: true,
        voters: [{ personId: 'sam', name: 'Sam Hill', answer: 'YES' }, { personId: 'me', name: 'Me Myself', answer: 'YES' }, { personId: 'joe', name: 'Joe Oak', answer: 'IF_NEED_BE' }],
      }),
      aSlot('s2', '2027-01-13T19:00:00Z', {
        yes: 1, no: 2, mine: 'NO', facilitatorCan: false, meetsQuorum: false,
        clashes: [{ personId: 'sam', name: 'Sam Hill', kind: 'EVENT', what: null }, { personId: 'joe', name: 'Joe Oak', kind: 'CIRCLE_MEETING', what: null }],
      }),
      aSlot('s3', '2027-01-14T19:00:00Z', {
        capacity: 1, full: true, yes: 1, meetsQuorum: false,
        clashes: [{ personId: 'me', name: 'Me Myself', kind: 'CIRCLE_MEETING', what: 'Thursday circle' }],
      }),
    ],
    ...more,
  });

const slot = (time: string) => screen.getByRole('article', { name: inLondon(time) });
const answerButton = (time: string, answer: string) => within(slot(time)).getByRole('button', { name: answer });

describe('a meeting-time poll', () => {
  beforeEach(() => {
    server.poll = meetingTime();
    server.answers = [];
    server.closes = [];
    server.refuseClose = null;
  });

  afterEach(cleanup);

  it('shows each slot in the circle\'s zone, and says so, with its counts, who can come, its quorum badge, its clashes and whether it is full', async () => {
    open();

    expect(await screen.findByRole('heading', { level: 1, name: 'When do we meet in January?' })).toBeTruthy();
    expect(screen.getByText('Times in Europe/London')).toBeTruthy();
    expect(screen.getByText('3 of 6 answered')).toBeTruthy();
    const tuesday = within(slot('2027-01-12T19:00:00Z'));
    expect(tuesday.getByRole('heading', { level: 3 }).textContent).toBe(inLondon('2027-01-12T19:00:00Z'));
    expect(tuesday.getByText('2 yes · 1 if need be · 0 no')).toBeTruthy();
    expect(tuesday.getByText('Yes: Sam Hill, Me Myself')).toBeTruthy();
    expect(tuesday.getByText('If need be: Joe Oak')).toBeTruthy();
    expect(tuesday.getByText('Counts')).toBeTruthy();
    const wednesday = within(slot('2027-01-13T19:00:00Z'));
    expect(wednesday.getByText('Short of quorum')).toBeTruthy();
    expect(wednesday.getByText('2 men have a clash')).toBeTruthy();
    const thursday = within(slot('2027-01-14T19:00:00Z'));
    expect(thursday.getByText("Clashes with your other circle's meeting (Thursday circle)")).toBeTruthy();
    expect(thursday.getByText('Full')).toBeTruthy();
    expect((thursday.getByRole('button', { name: 'Yes' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('shows his answers pressed, and sends his whole answer as he changed it', async () => {
    open();
    await screen.findByText('Times in Europe/London');
    expect(answerButton('2027-01-12T19:00:00Z', 'Yes').getAttribute('aria-pressed')).toBe('true');
    expect(answerButton('2027-01-13T19:00:00Z', 'No').getAttribute('aria-pressed')).toBe('true');
    expect(answerButton('2027-01-13T19:00:00Z', 'If need be').getAttribute('aria-pressed')).toBe('false');

    fireEvent.click(answerButton('2027-01-12T19:00:00Z', 'If need be'));
    fireEvent.click(answerButton('2027-01-13T19:00:00Z', 'No'));
    fireEvent.click(answerButton('2027-01-14T19:00:00Z', 'No'));
    expect(answerButton('2027-01-12T19:00:00Z', 'If need be').getAttribute('aria-pressed')).toBe('true');
    expect(answerButton('2027-01-13T19:00:00Z', 'No').getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(screen.getByRole('button', { name: 'Save my answer' }));

    expect(await screen.findByText('Your answer is saved.')).toBeTruthy();
    expect(server.answers).toEqual([{ answers: { s1: 'IF_NEED_BE', s3: 'NO' } }]);
  });

  it('shows the times in his own zone when none is locked', async () => {
    server.poll = meetingTime({ timeZone: null });
    open();

    expect(await screen.findByText('Times in your time zone (Europe/Berlin)')).toBeTruthy();
  });

  it('takes no answer once closed, highlights the time chosen and says when the meeting is', async () => {
    server.poll = meetingTime({ status: 'CLOSED', canAnswer: false, chosenOptionId: 's1', meetingStart: '2027-01-12T19:00:00Z', closedAt: '2027-01-06T09:00:00Z' });
    open();

    expect(await screen.findByText(/^Meeting arranged for /)).toBeTruthy();
    expect(screen.getByText('This poll is closed: it takes no more answers.')).toBeTruthy();
    expect(within(slot('2027-01-12T19:00:00Z')).getByText('Chosen')).toBeTruthy();
    expect(within(slot('2027-01-13T19:00:00Z')).queryByText('Chosen')).toBeNull();
    expect(screen.getAllByRole('button', { name: /^(Yes|If need be|No)$/ }).every((b) => (b as HTMLButtonElement).disabled)).toBe(true);
    expect(screen.queryByRole('button', { name: 'Save my answer' })).toBeNull();
  });

  it('asks before closing on a time short of the quorum, then chooses it anyway', async () => {
    server.poll = meetingTime({ canClose: true });
    server.refuseClose = { status: 409, code: 'QUORUM_NOT_MET' };
    open();
    const time = await screen.findByRole('combobox', { name: 'Time chosen' });
    expect((time as HTMLSelectElement).value).toBe('s1');

    fireEvent.change(time, { target: { value: 's2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Close poll' }));
    const dialog = await screen.findByRole('dialog', { name: 'Short of quorum' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Choose it anyway' }));

    expect(await screen.findByText(/^Meeting arranged for /)).toBeTruthy();
    expect(server.closes).toEqual([{ slot: 's2', despiteQuorum: null }, { slot: 's2', despiteQuorum: true }]);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('has nothing axe finds wrong', async () => {
    server.poll = meetingTime({ canClose: true });
    const { container } = open();
    await screen.findByText('Times in Europe/London');

    // jsdom draws nothing: colour contrast is for the browser test.
    const found = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });

    expect(found.passes.length).toBeGreaterThan(0);
    expect(found.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.html).join(' | '))).toEqual([]);
  });
});

describe('a question', () => {
  beforeEach(() => {
    server.answers = [];
    server.closes = [];
  });

  afterEach(cleanup);

  const question = (more: Partial<Poll> = {}) =>
    aPoll({
      kind: 'CHOICE', question: 'Which book next?', scope: 'ORGANISATION', circleId: null, circleName: null, respondents: 4,
      options: [
        aChoice('o1', 'Iron John', { chosen: 1, voters: [{ personId: 'sam', name: 'Sam Hill', answer: 'CHOSEN' }] }),
        aChoice('o2', 'King, Warrior, Magician, Lover', { chosen: 3 }),
        aChoice('o3', 'The Way of Men', { chosen: 0, capacity: 5 }),
      ],
      ...more,
    });

  it('takes one choice with radios, shows counts and bars, and sends the choice', async () => {
    server.poll = question();
    open();

    const radios = await screen.findAllByRole('radio');
    expect(radios).toHaveLength(3);
    expect(screen.getByText('Choose one.')).toBeTruthy();
    expect(screen.getByText('3 chose this')).toBeTruthy();
    expect(screen.getByText('Sam Hill')).toBeTruthy();
    expect(screen.getAllByTestId('bar').map((bar) => getComputedStyle(bar).width)).toEqual(['25%', '75%', '0%']);
    fireEvent.click(screen.getByRole('radio', { name: /The Way of Men/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Save my answer' }));

    expect(await screen.findByText('Your answer is saved.')).toBeTruthy();
    expect(server.answers).toEqual([{ choices: ['o3'] }]);
  });

  it('takes several choices with checkboxes when it allows them, naming no one when anonymous', async () => {
    server.poll = question({ multiple: true, anonymous: true, options: question().options.map((o) => ({ ...o, voters: [] })) });
    open();

    expect(await screen.findAllByRole('checkbox')).toHaveLength(3);
    expect(screen.getByText(/Choose as many as you like\. Anonymous: no one sees who chose what, only the counts\./)).toBeTruthy();
    expect(screen.queryByText('Sam Hill')).toBeNull();
    fireEvent.click(screen.getByRole('checkbox', { name: /Iron John/ }));
    fireEvent.click(screen.getByRole('checkbox', { name: /The Way of Men/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Save my answer' }));

    await screen.findByText('Your answer is saved.');
    expect(server.answers).toEqual([{ choices: ['o1', 'o3'] }]);
  });

  it('has nothing axe finds wrong', async () => {
    server.poll = question({ multiple: true });
    const { container } = open();
    await screen.findAllByRole('checkbox');

    const found = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });

    expect(found.passes.length).toBeGreaterThan(0);
    expect(found.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.html).join(' | '))).toEqual([]);
  });
});
