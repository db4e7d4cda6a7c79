import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import axe from 'axe-core';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { aCategory } from '../fixtures';
import type { Category } from '../api/types';
import Categories from './Categories';

type Init = { params?: { path?: { id: string } }; body?: Record<string, unknown> };

/** Who he is, the categories as the server holds them, and what each change sent. */
const server = vi.hoisted(() => ({
  permissions: [] as string[],
  categories: [] as unknown[],
  sent: [] as { method: string; id?: string; body?: Record<string, unknown> }[],
}));

vi.mock('../../../auth', () => ({ useAuth: () => ({ me: { person: { id: 'ann' } }, can: (p: string) => server.permissions.includes(p) }) }));

vi.mock('../../../api/client', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../api/client')>();
  const answer = (data: unknown, status = 200) => Promise.resolve({ data, response: new Response(null, { status }) });
  return {
    ...real,
    api: {
      GET: () => answer({ items: server.categories }),
      POST: (_: string, init: Init) => {
        server.sent.push({ method: 'POST', body: init.body });
        const created = { id: 'new', care: false, firstResponseMinutes: null, resolutionMinutes: null, ...init.body };
        server.categories = [...server.categories, created];
        return answer(created, 201);
      },
      PUT: (_: string, init: Init) => {
        server.sent.push({ method: 'PUT', id: init.params!.path!.id, body: init.body });
        server.categories = server.categories.map((c) => ((c as Category).id === init.params!.path!.id ? { ...(c as Category), ...init.body } : c));
        return answer({ id: init.params!.path!.id, ...init.body });
      },
      DELETE: (_: string, init: Init) => {
        server.sent.push({ method: 'DELETE', id: init.params!.path!.id });
        server.categories = server.categories.filter((c) => (c as Category).id !== init.params!.path!.id);
        return answer(undefined, 204);
      },
    },
  };
});

// axe asks a canvas whether text is an icon font; jsdom has none to give.
beforeAll(() => void vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null));

function open() {
  return render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } })}>
      <MemoryRouter initialEntries={['/helpdesk/categories']}>
        <Categories />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

describe('the help desk categories', () => {
  beforeEach(() => {
    server.permissions = ['organisation.manage', 'support.assist'];
    server.categories = [aCategory(), aCategory({ id: 'care', name: "I'm struggling", care: true, firstResponseMinutes: 30, resolutionMinutes: null })];
    server.sent = [];
  });

  afterEach(cleanup);

  it('lists each with its service levels in words, and marks those for the care team', async () => {
    open();

    const general = within(await screen.findByRole('article', { name: 'General questions' }));
    expect(general.getByText('First answer within: 1 h')).toBeTruthy();
    expect(general.getByText('Solved within: 1 d')).toBeTruthy();
    const care = within(screen.getByRole('article', { name: "I'm struggling" }));
    expect(care.getByText('Care team only')).toBeTruthy();
    expect(care.getByText('Solved within: no target')).toBeTruthy();
  });

  it('adds one, with care and its minutes, and empties the form for the next', async () => {
    open();
    const form = within(await screen.findByRole('form', { name: 'Add a category' }));

    fireEvent.change(form.getByLabelText(/^Name/), { target: { value: 'Payments' } });
    fireEvent.click(form.getByRole('checkbox', { name: /^Care/ }));
    fireEvent.change(form.getByLabelText('First answer within (minutes)'), { target: { value: '120' } });
    fireEvent.click(form.getByRole('button', { name: 'Add' }));

    expect(await screen.findByText('Added: Payments.')).toBeTruthy();
    expect(server.sent).toEqual([{ method: 'POST', body: { name: 'Payments', care: true, firstResponseMinutes: 120, resolutionMinutes: null } }]);
    expect((within(screen.getByRole('form', { name: 'Add a category' })).getByLabelText(/^Name/) as HTMLInputElement).value).toBe('');
    expect(await screen.findByRole('article', { name: 'Payments' })).toBeTruthy();
  });

  it('changes one in place', async () => {
    open();
    fireEvent.click(await screen.findByRole('button', { name: 'Edit General questions' }));
    const form = within(screen.getByRole('form', { name: 'Edit General questions' }));

    fireEvent.change(form.getByLabelText('Solved within (minutes)'), { target: { value: '' } });
    fireEvent.click(form.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(screen.queryByRole('form', { name: 'Edit General questions' })).toBeNull());
    expect(server.sent).toEqual([{ method: 'PUT', id: 'general', body: { name: 'General questions', care: false, firstResponseMinutes: 60, resolutionMinutes: null } }]);
  });

  it('archives one once asked to confirm', async () => {
    open();
    fireEvent.click(await screen.findByRole('button', { name: "Archive I'm struggling" }));
    const dialog = within(screen.getByRole('dialog', { name: "Archive I'm struggling?" }));

    fireEvent.click(dialog.getByRole('button', { name: 'Archive' }));

    await waitFor(() => expect(screen.queryByRole('article', { name: "I'm struggling" })).toBeNull());
    expect(server.sent).toEqual([{ method: 'DELETE', id: 'care' }]);
  });

  it('is for admins alone', async () => {
    server.permissions = ['support.assist'];
    open();

    expect(screen.getByText('Only admins set what men may ask about.')).toBeTruthy();
    expect(screen.queryByRole('form')).toBeNull();
  });

  it('has nothing axe finds wrong', async () => {
    const { container } = open();
    await screen.findByRole('article', { name: 'General questions' });

    const found = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });

    expect(found.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.html).join(' | '))).toEqual([]);
  });
});
