import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mayOpen } from '../../../menu';
import { storedLines } from '../api/crisisLines';
import type { CrisisLine, CrisisLines } from '../api/types';
import CrisisLinesEditor from './CrisisLinesEditor';

type Refusal = { status: number; code: string; detail: string; errors?: { field: string; message: string }[] };

const DEFAULT: CrisisLine[] = [
  { name: 'Emergency services', phone: '999', sms: null, url: null, hours: '24/7' },
  { name: 'Samaritans', phone: '116 123', sms: null, url: 'https://www.samaritans.org', hours: '24/7, free' },
];

/** The organisation's lines as the server holds them; each PUT body; a refusal for the next PUT. */
const server = vi.hoisted(() => ({
  own: [] as CrisisLine[],
  puts: [] as unknown[],
  refuse: null as Refusal | null,
}));

const answerOf = (): CrisisLines => (server.own.length
  ? { country: 'GB', custom: true, lines: server.own, note: null }
  : { country: 'GB', custom: false, lines: DEFAULT, note: "Hearth's default list, last checked 2026-12. Admins: check these numbers for your organisation." });

vi.mock('../../../api/client', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../api/client')>();
  const answer = (data: unknown) => Promise.resolve({ data: structuredClone(data), response: new Response(null, { status: 200 }) });
  return {
    ...real,
    api: {
      GET: () => answer(answerOf()),
      PUT: (_: string, init: { body: { lines: CrisisLine[] } }) => {
        server.puts.push(init.body);
        if (server.refuse) {
          const refusal = server.refuse;
          server.refuse = null;
          return Promise.resolve({ error: refusal, response: new Response(null, { status: refusal.status }) });
        }
        server.own = init.body.lines;
        return answer(answerOf());
      },
    },
  };
});

function open() {
  return render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } })}>
      <MemoryRouter initialEntries={['/admin/settings/crisis-lines']}>
        <CrisisLinesEditor />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

const line = (n: number) => screen.findByRole('group', { name: 'Line ' + n });
const save = () => fireEvent.click(screen.getByRole('button', { name: 'Save the list' }));

beforeEach(() => {
  server.own = [];
  server.puts = [];
  server.refuse = null;
  localStorage.clear();
});

afterEach(cleanup);

describe('the crisis lines editor', () => {
  it('starts from the default, says it must be checked, and saves an added line in the order set', async () => {
    open();
    expect(await screen.findByText(/Hearth's default list for United Kingdom is in use/)).toBeTruthy();
    expect(within(await line(2)).getByLabelText('Phone number')).toHaveProperty('value', '116 123');

    fireEvent.click(screen.getByRole('button', { name: 'Add a line' }));
    const added = await line(3);
    fireEvent.change(within(added).getByLabelText('Name'), { target: { value: 'Our warm line' } });
    fireEvent.change(within(added).getByLabelText('Phone number'), { target: { value: ' 0800 000 000 ' } });
    fireEvent.click(within(added).getByRole('button', { name: 'Move up' }));
    fireEvent.click(within(await line(1)).getByRole('button', { name: 'Remove' }));
    save();

    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Saved: men see this list now.'));
    expect(server.puts).toEqual([{ lines: [
      { name: 'Our warm line', phone: '0800 000 000', sms: null, url: null, hours: null },
      { name: 'Samaritans', phone: '116 123', sms: null, url: 'https://www.samaritans.org', hours: '24/7, free' },
    ] }]);
    expect(screen.getByText("Your organisation's own list is in use.")).toBeTruthy();
    expect(storedLines()?.lines.lines.map((l) => l.name)).toEqual(['Our warm line', 'Samaritans']);
  });

  it("puts the server's word beside the field of the line it names", async () => {
    server.refuse = { status: 422, code: 'VALIDATION_ERROR', detail: 'The request is not valid', errors: [{ field: 'lines[1].url', message: 'is an https:// address' }] };
    open();
    fireEvent.change(within(await line(2)).getByLabelText('Web address'), { target: { value: 'http://example.org' } });
    save();

    const url = within(await line(2)).getByLabelText('Web address');
    await waitFor(() => expect(url.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(url.getAttribute('aria-describedby') ?? '')?.textContent).toBe('is an https:// address');
    expect(within(await line(1)).getByLabelText('Web address').getAttribute('aria-invalid')).toBe('false');
    expect(screen.getByRole('status').textContent).toBe('');
  });

  it("goes back to Hearth's default with one button", async () => {
    server.own = [{ name: 'Our warm line', phone: '0800 000 000', sms: null, url: null, hours: null }];
    open();
    fireEvent.click(await screen.findByRole('button', { name: "Go back to Hearth's default list" }));

    await waitFor(() => expect(screen.getByRole('status').textContent).toBe("Hearth's default list is in use again."));
    expect(server.puts).toEqual([{ lines: [] }]);
    expect(await screen.findByText(/Hearth's default list for United Kingdom is in use/)).toBeTruthy();
  });

  it('is open to admins only', () => {
    expect(mayOpen('/admin/settings/crisis-lines', ['organisation.manage'])).toBe(true);
    expect(mayOpen('/admin/settings/crisis-lines', ['circles.manage', 'members.manage', 'reports.view'])).toBe(false);
  });
});
