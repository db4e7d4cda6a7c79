import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import axe from 'axe-core';
import { MemoryRouter, Route, Routes, useParams } from 'react-router';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { aCategory, aTicket } from '../fixtures';
import NewTicket from './NewTicket';

/** The organisation's categories, each request sent with its Idempotency-Key, and the refusal the next one gets. */
const server = vi.hoisted(() => ({
  categories: [] as unknown[],
  posts: [] as { key: string; body: Record<string, unknown> }[],
  refusal: null as null | Record<string, unknown>,
}));

vi.mock('../../../api/client', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../api/client')>();
  const answer = (data: unknown, status = 200) => Promise.resolve({ data, response: new Response(null, { status }) });
  return {
    ...real,
    api: {
      GET: () => answer({ items: server.categories }),
      POST: (_: string, init: { params: { header: Record<string, string> }; body: Record<string, unknown> }) => {
        server.posts.push({ key: init.params.header['Idempotency-Key'], body: init.body });
        if (server.refusal) {
          const refusal = server.refusal;
          server.refusal = null;
          return Promise.resolve({ error: refusal, response: new Response(null, { status: Number(refusal.status) }) });
        }
        return answer(aTicket({ id: 't9' }), 201);
      },
    },
  };
});

function Opened() {
  return <p>opened {useParams().id}</p>;
}

// axe asks a canvas whether text is an icon font; jsdom has none to give.
beforeAll(() => void vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null));

function open() {
  return render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } })}>
      <MemoryRouter initialEntries={['/tickets/new']}>
        <Routes>
          <Route path="/tickets/new" element={<NewTicket />} />
          <Route path="/tickets/:id" element={<Opened />} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

const type = (label: RegExp, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
const categories = () => screen.findByRole('radiogroup', { name: /^What is it about\?/ });

describe('the form for a new request', () => {
  beforeEach(() => {
    server.categories = [aCategory(), aCategory({ id: 'care', name: "I'm struggling", care: true, resolutionMinutes: null })];
    server.posts = [];
    server.refusal = null;
  });

  afterEach(cleanup);

  it('says gently, beside it, which category goes only to the care team, sends the request under a key and opens it', async () => {
    open();
    expect(within(await categories()).getAllByRole('radio')).toHaveLength(2);
    expect(screen.getByRole('radio', { name: 'General questions' })).toBeTruthy();
    const care = screen.getByRole('radio', { name: /^I'm struggling\s*Goes only to the care team: men trained to listen\. No one else in the organisation sees it\.$/ });

    fireEvent.click(care);
    type(/^Subject/, 'A hard week');
    type(/^Your message/, 'Things are heavy at home.');
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));

    expect(await screen.findByText('opened t9')).toBeTruthy();
    expect(server.posts).toEqual([{ key: expect.stringMatching(/^[0-9a-f-]{36}$/), body: { categoryId: 'care', subject: 'A hard week', body: 'Things are heavy at home.' } }]);
  });

  it('sends nothing while something is missing, and says what', async () => {
    open();
    await categories();

    fireEvent.click(screen.getByRole('button', { name: 'Send' }));

    expect(server.posts).toHaveLength(0);
    expect(screen.getAllByText('Required.')).toHaveLength(3);
  });

  it("shows the server's word beside its field, and sends again under the same key", async () => {
    server.refusal = { status: 422, code: 'VALIDATION_ERROR', detail: 'The request is not valid', errors: [{ field: 'subject', message: 'must be 1 to 200 characters' }] };
    open();
    await categories();
    fireEvent.click(screen.getByRole('radio', { name: 'General questions' }));
    type(/^Subject/, 'Card');
    type(/^Your message/, 'Charged twice.');

    fireEvent.click(screen.getByRole('button', { name: 'Send' }));

    const subject = await screen.findByRole('textbox', { name: /^Subject/ });
    await screen.findByRole('alert');
    expect(subject.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(subject.getAttribute('aria-describedby') ?? '')?.textContent).toBe('must be 1 to 200 characters');
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await screen.findByText('opened t9');
    expect(server.posts.map((p) => p.key)).toEqual([server.posts[0].key, server.posts[0].key]);
  });

  it('says the help desk is not open while there is nothing to ask about', async () => {
    server.categories = [];
    open();

    expect(await screen.findByText(/^The help desk is not open yet/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Send' })).toBeNull();
  });

  it('has nothing axe finds wrong', async () => {
    const { container } = open();
    await categories();

    const found = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });

    expect(found.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.html).join(' | '))).toEqual([]);
  });
});
