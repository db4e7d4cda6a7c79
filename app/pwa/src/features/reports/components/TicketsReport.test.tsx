import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TicketsReport } from './TicketsReport';

const server = vi.hoisted(() => ({ items: [] as unknown[] }));

vi.mock('../../../api/client', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../api/client')>();
  return { ...real, api: { GET: () => Promise.resolve({ data: { items: server.items }, response: new Response(null, { status: 200 }) }) } };
});

const open = () =>
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <TicketsReport />
    </QueryClientProvider>,
  );

describe('the help desk in numbers', () => {
  afterEach(cleanup);

  it('shows per category how many requests stand in each status, and the levels missed', async () => {
    server.items = [
      { categoryId: 'g', categoryName: 'General questions', care: false, tickets: { NEW: 2, SOLVED: 5 }, firstResponseBreached: 1, resolutionBreached: 0 },
      { categoryId: 'c', categoryName: "I'm struggling", care: true, tickets: { OPEN: 1 }, firstResponseBreached: 0, resolutionBreached: 0 },
    ];
    open();

    const general = within(await screen.findByRole('article', { name: 'General questions' }));
    expect(['New: 2', 'Open: 0', 'Waiting for the member: 0', 'Solved: 5', 'Closed: 0'].every((text) => general.getByText(text))).toBe(true);
    expect(general.getByText('First answers late: 1')).toBeTruthy();
    expect(general.getByText('Solutions late: 0')).toBeTruthy();
    expect(screen.getByRole('article', { name: "I'm struggling · Care" })).toBeTruthy();
  });

  it('says when there is nothing to count', async () => {
    server.items = [];
    open();

    expect(await screen.findByText('No requests yet.')).toBeTruthy();
  });
});
