import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Document } from '../api/types';
import { aDocument } from '../fixtures';
import { CircleDocuments, EventDocuments } from './AttachedDocuments';
import Documents from './Documents';

/** The documents the server answers for each list (his, or ?eventId=, ?circleId=), the lists it refuses, the acknowledgements sent. */
const server = vi.hoisted(() => ({
  lists: {} as Record<string, Document[]>,
  refused: {} as Record<string, number>,
  acknowledged: [] as unknown[],
  permissions: [] as string[],
}));

vi.mock('../../../auth', () => ({
  useAuth: () => ({ me: { person: { id: 'me' }, permissions: server.permissions }, can: (p: string) => server.permissions.includes(p) }),
}));

vi.mock('../../../api/client', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../api/client')>();
  return {
    ...real,
    api: {
      GET: (_: string, init: { params: { query: { circleId?: string; eventId?: string } } }) => {
        const which = init.params.query.eventId ?? init.params.query.circleId ?? 'mine';
        if (server.refused[which]) {
          const status = server.refused[which];
          return Promise.resolve({ error: { status, code: 'AUTHORIZATION_ERROR' }, response: new Response(null, { status }) });
        }
        return Promise.resolve({ data: { items: structuredClone(server.lists[which] ?? []) }, response: new Response(null, { status: 200 }) });
      },
      POST: (_: string, init: { params: { path: { id: string } }; body: { version: number } }) => {
        server.acknowledged.push({ id: init.params.path.id, ...init.body });
        for (const list of Object.values(server.lists)) {
          list.forEach((d, i) => (d.id === init.params.path.id ? (list[i] = { ...d, acknowledged: true, acknowledgedVersion: init.body.version }) : undefined));
        }
        const document = Object.values(server.lists).flat().find((d) => d.id === init.params.path.id);
        return Promise.resolve({ data: structuredClone(document), response: new Response(null, { status: 201 }) });
      },
    },
  };
});

function show(screenToShow: ReactNode) {
  return render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } })}>
      <MemoryRouter>{screenToShow}</MemoryRouter>
    </QueryClientProvider>,
  );
}

const card = (title: string) => within(screen.getByRole('article', { name: title }));

const handbook = aDocument({ id: 'h', kind: 'DOCUMENT', title: 'Handbook', fileName: 'handbook.pdf', contentType: 'application/pdf', sizeBytes: 245_760 });
const agreements = aDocument({ id: 'g', kind: 'GUIDELINE', title: 'Circle agreements', acknowledged: true, acknowledgedVersion: 2, version: 2, fileName: 'agreements.md' });
const waiver = aDocument({ id: 'w', title: 'Retreat waiver', version: 3, audience: 'EVENT', eventId: 'e1' });

describe('his documents', () => {
  beforeEach(() => {
    server.lists = { mine: [handbook, agreements, waiver] };
    server.refused = {};
    server.acknowledged = [];
    server.permissions = ['circles.join'];
  });

  afterEach(cleanup);

  it('lists what he must acknowledge first, each with its kind, its file and where he stands', async () => {
    show(<Documents />);

    const titles = (await screen.findAllByRole('article')).map((a) => within(a).getByRole('heading').textContent);
    expect(titles).toEqual(['Retreat waiver', 'Handbook', 'Circle agreements']);
    expect(card('Retreat waiver').getByText('Waiver')).toBeTruthy();
    expect(card('Retreat waiver').getByText('To acknowledge (version 3)')).toBeTruthy();
    expect(card('Circle agreements').getByText('Guidelines')).toBeTruthy();
    expect(card('Circle agreements').getByText('✓ Acknowledged')).toBeTruthy();
    expect(card('Circle agreements').getByText('Markdown · 2 KB')).toBeTruthy();
    expect(card('Handbook').getByText('PDF · 240 KB')).toBeTruthy();
    expect(card('Handbook').queryByText(/acknowledge/i)).toBeNull();
    expect(card('Handbook').getByRole('link', { name: 'Handbook' }).getAttribute('href')).toBe('/documents/h');
    expect(screen.queryByRole('link', { name: 'Share a document' })).toBeNull();
  });

  it('says when there are none, and offers sharing to who may share', async () => {
    server.lists = { mine: [] };
    server.permissions = ['events.manage'];
    show(<Documents />);

    expect(await screen.findByText('No documents for you yet.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Share a document' }).getAttribute('href')).toBe('/documents/new');
  });
});

describe('an event\'s documents on its page', () => {
  beforeEach(() => {
    server.lists = { e1: [handbook, waiver] };
    server.refused = { e9: 403 };
    server.acknowledged = [];
  });

  afterEach(cleanup);

  it('shows its waiver to acknowledge with the button, and acknowledges the version shown', async () => {
    show(<EventDocuments eventId="e1" mayShare={false} />);

    expect(await screen.findByRole('heading', { level: 2, name: 'Documents for this event' })).toBeTruthy();
    fireEvent.click(card('Retreat waiver').getByRole('button', { name: 'I have read and accept version 3' }));

    expect(await card('Retreat waiver').findByText(/Acknowledged/)).toBeTruthy();
    expect(server.acknowledged).toEqual([{ id: 'w', version: 3 }]);
    expect(card('Handbook').queryByRole('button')).toBeNull();
    expect(screen.queryByRole('link', { name: 'Share a document' })).toBeNull();
  });

  it('shows nothing to a man the event\'s documents are not for', async () => {
    const { container } = show(<EventDocuments eventId="e9" mayShare={false} />);

    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(container.textContent).toBe('');
  });

  it('shows nothing when there are none, unless he may share one for the event', async () => {
    const { container } = show(<EventDocuments eventId="e2" mayShare={false} />);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(container.textContent).toBe('');
    cleanup();

    show(<EventDocuments eventId="e2" mayShare />);

    expect(await screen.findByText('No documents here yet.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Share a document' }).getAttribute('href')).toBe('/documents/new?eventId=e2');
  });

  it('shows a circle\'s documents on its page, with sharing for its facilitators', async () => {
    server.lists = { c1: [agreements] };
    show(<CircleDocuments circleId="c1" mayShare />);

    expect(await screen.findByRole('heading', { level: 2, name: 'Documents for the circle' })).toBeTruthy();
    expect(card('Circle agreements').getByText('✓ Acknowledged')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Share a document' }).getAttribute('href')).toBe('/documents/new?circleId=c1');
  });
});
