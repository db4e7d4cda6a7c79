import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import axe from 'axe-core';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { aCampaign, aLine, aReport } from '../fixtures';
import type { Campaign as CampaignView, Report } from '../api/types';
import Campaign from './Campaign';

/** The campaign and its report as the server holds them, each send with its Idempotency-Key, and each attendance marked. */
const server = vi.hoisted(() => ({
  campaign: null as unknown as CampaignView,
  report: null as unknown as Report,
  sends: [] as string[],
  marks: [] as { invitationId: string; came: boolean }[],
  sendFails: false,
}));

vi.mock('../../../auth', () => ({
  useAuth: () => ({ me: { person: { id: 'me' }, permissions: ['announcements.post'] }, can: () => true }),
}));

vi.mock('../../../api/client', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../api/client')>();
  const answer = (data: unknown, status = 200) => Promise.resolve({ data, response: new Response(null, { status }) });
  return {
    ...real,
    api: {
      GET: (path: string) => answer(path.endsWith('/report') ? server.report : server.campaign),
      POST: (_: string, init: { params: { header: Record<string, string> } }) => {
        server.sends.push(init.params.header['Idempotency-Key']);
        if (server.sendFails) {
          server.sendFails = false;
          return Promise.reject(new TypeError('Failed to fetch'));
        }
        server.campaign = { ...server.campaign, status: 'SENT', invited: 3, sentAt: '2026-12-07T10:00:00Z' };
        return answer({ campaignId: 'c1', invited: 3, total: 3 });
      },
      PUT: (_: string, init: { params: { path: { invitationId: string } }; body: { came: boolean } }) => {
        server.marks.push({ invitationId: init.params.path.invitationId, came: init.body.came });
        const line = { ...server.report.invitations.find((l) => l.invitationId === init.params.path.invitationId)!, cameAt: init.body.came ? '2026-12-11T20:00:00Z' : null };
        server.report = { ...server.report, came: init.body.came ? 1 : 0, invitations: server.report.invitations.map((l) => (l.invitationId === line.invitationId ? line : l)) };
        return answer(line);
      },
    },
  };
});

// axe asks a canvas whether text is an icon font; jsdom has none to give.
beforeAll(() => void vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null));

function open() {
  return render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } })}>
      <MemoryRouter initialEntries={['/outreach/campaigns/c1']}>
        <Routes>
          <Route path="/outreach/campaigns/:id" element={<Campaign />} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

const number = (label: string) => {
  const term = screen.getAllByRole('term').find((dt) => dt.textContent === label)!;
  return term.parentElement!.querySelector('dd')!.textContent;
};

describe('a campaign', () => {
  beforeEach(() => {
    server.campaign = aCampaign({ eventTitle: 'Movie night: Twelve Angry Men', segmentSource: 'Library talk' });
    server.report = aReport();
    server.sends = [];
    server.marks = [];
    server.sendFails = false;
  });

  afterEach(cleanup);

  it('shows its mail, the evening it invites to and whom it goes to', async () => {
    open();

    expect(await screen.findByRole('heading', { level: 1, name: 'Intro evening' })).toBeTruthy();
    expect(screen.getByText('Invites to Movie night: Twelve Angry Men')).toBeTruthy();
    expect(screen.getByText('To the contacts met at: Library talk')).toBeTruthy();
    expect(screen.getByText('In its segment: 3 men')).toBeTruthy();
    expect(screen.getByText('Come to our intro evening')).toBeTruthy();
    expect(await screen.findByText('No one is invited yet: send the campaign first.')).toBeTruthy();
  });

  it('asks "Send to 3 men?" first, sends under one key for that press, and says to how many it went', async () => {
    open();
    fireEvent.click(await screen.findByRole('button', { name: 'Send' }));

    const dialog = screen.getByRole('dialog', { name: 'Send to 3 men?' });
    expect(server.sends).toHaveLength(0);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Send' }));

    expect(await screen.findByText('Sent to 3 men. 3 invited in all.')).toBeTruthy();
    expect(server.sends).toHaveLength(1);
    expect(server.sends[0]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends a retry of the same press under the same key, and a new press under a new one', async () => {
    server.sendFails = true;
    open();
    fireEvent.click(await screen.findByRole('button', { name: 'Send' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Send' }));
    await screen.findByText(/No connection to Hearth/);

    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Send' }));
    await screen.findByText('Sent to 3 men. 3 invited in all.');
    fireEvent.click(await screen.findByRole('button', { name: 'Send to those added since' }));
    expect(screen.getByRole('dialog', { name: 'Send to the men added since?' })).toBeTruthy();
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Send' }));

    await waitFor(() => expect(server.sends).toHaveLength(3));
    expect(server.sends[1]).toBe(server.sends[0]);
    expect(server.sends[2]).not.toBe(server.sends[0]);
  });

  it('offers no send when no one is in its segment', async () => {
    server.campaign = aCampaign({ segmentSize: 0 });
    open();

    expect(((await screen.findByRole('button', { name: 'Send' })) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText('No one is in its segment yet.')).toBeTruthy();
  });

  it('reports its numbers at the top, then each man invited with who brought him, his answer, whether he came, joined and is in a circle', async () => {
    server.campaign = aCampaign({ status: 'SENT', invited: 3, sentAt: '2026-12-02T10:00:00Z' });
    server.report = aReport({
      sent: 3, yes: 1, maybe: 1, no: 0, unanswered: 1, came: 1, becameMembers: 1, joinedCircle: 1, unsubscribed: 0,
      invitations: [
        aLine('i1', { name: 'Tom Friend', rsvp: 'YES', cameAt: '2026-12-11T20:00:00Z', member: true, inCircle: true }),
        aLine('i2', { name: 'Ian Curious', invitedByName: null, rsvp: 'MAYBE' }),
        aLine('i3', { name: 'Joe Friend', invitedByName: 'Matt Member' }),
      ],
    });
    open();
    await screen.findByRole('heading', { level: 2, name: 'Report' });
    await screen.findByRole('article', { name: 'Tom Friend' });

    expect(['Invited', 'Yes', 'Maybe', 'No', 'No answer', 'Came', 'Became members', 'Joined a circle', 'Unsubscribed'].map(number)).toEqual(['3', '1', '1', '0', '1', '1', '1', '1', '0']);
    const tom = screen.getByRole('article', { name: 'Tom Friend' });
    expect(within(tom).getByText('Brought by Mike Member')).toBeTruthy();
    expect(within(tom).getByText('Answer: yes, coming')).toBeTruthy();
    expect((within(tom).getByRole('switch', { name: 'Tom Friend came' }) as HTMLInputElement).checked).toBe(true);
    expect(within(tom).getByText('Member')).toBeTruthy();
    expect(within(tom).getByText('In a circle')).toBeTruthy();
    const ian = screen.getByRole('article', { name: 'Ian Curious' });
    expect(within(ian).getByText('Met by the organisation')).toBeTruthy();
    expect(within(ian).queryByText('Member')).toBeNull();
    expect(within(screen.getByRole('article', { name: 'Joe Friend' })).getByText('Answer: none yet')).toBeTruthy();
  });

  it('marks that a man came with his switch', async () => {
    server.campaign = aCampaign({ status: 'SENT', invited: 1 });
    server.report = aReport({ sent: 1, unanswered: 1, invitations: [aLine('i1', { name: 'Joe Friend' })] });
    open();

    const joe = await screen.findByRole('switch', { name: 'Joe Friend came' });
    fireEvent.click(joe);

    await waitFor(() => expect(server.marks).toEqual([{ invitationId: 'i1', came: true }]));
    await waitFor(() => expect((screen.getByRole('switch', { name: 'Joe Friend came' }) as HTMLInputElement).checked).toBe(true));
    await waitFor(() => expect(number('Came')).toBe('1'));
  });

  it('has nothing axe finds wrong', async () => {
    server.report = aReport({ sent: 1, yes: 1, invitations: [aLine('i1', { rsvp: 'YES', member: true })] });
    const { container } = open();
    await screen.findByRole('article', { name: 'Tom Friend' });

    const found = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });

    expect(found.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.html).join(' | '))).toEqual([]);
  });
});
