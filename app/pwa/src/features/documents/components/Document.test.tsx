import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import axe from 'axe-core';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Document } from '../api/types';
import { aDocument } from '../fixtures';
import DocumentScreen from './Document';

/**
 * The document as the server holds it, what it was sent, the refusal it gives the next acknowledgement, and, when `hold`
 * is set, the new version under way: its progress reported by the test, its answer given when the test says.
 */
const server = vi.hoisted(() => ({
  document: null as unknown as Document,
  text: '',
  posts: [] as { path: string; body: unknown }[],
  deleted: [] as string[],
  downloads: [] as string[],
  refuseAcknowledgement: null as null | { status: number; code: string; then?: Partial<Document> },
  hold: false,
  sending: null as null | { progress: (fraction: number) => void; answer: () => void },
}));

vi.mock('../../../api/client', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../api/client')>();
  const answer = (data: unknown, status = 200) => Promise.resolve({ data: structuredClone(data), response: new Response(null, { status }) });
  const refuse = (status: number, code: string) => Promise.resolve({ error: { status, code, detail: code }, response: new Response(null, { status }) });
  return {
    ...real,
    api: {
      GET: () => answer(server.document),
      POST: (path: string, init: { body: unknown }) => {
        server.posts.push({ path, body: init.body });
        if (path.endsWith('/acknowledgements')) {
          if (server.refuseAcknowledgement) {
            const { status, code, then } = server.refuseAcknowledgement;
            server.refuseAcknowledgement = null;
            server.document = { ...server.document, ...then };
            return refuse(status, code);
          }
          server.document = { ...server.document, acknowledged: true, acknowledgedVersion: server.document.version };
          return answer(server.document, 201);
        }
        throw new Error('Not faked: POST ' + path);
      },
      DELETE: (path: string) => {
        server.deleted.push(path);
        return Promise.resolve({ data: undefined, response: new Response(null, { status: 204 }) });
      },
    },
    // A new version goes up through upload (an XMLHttpRequest, for its progress), not openapi-fetch.
    upload: (path: string, body: FormData, _headers: unknown, onProgress?: (fraction: number) => void) => {
      server.posts.push({ path, body });
      const added = () => {
        server.document = { ...server.document, version: server.document.version + 1, acknowledgements: 0 };
        return structuredClone(server.document);
      };
      if (server.hold) {
        return new Promise((resolve) => {
          server.sending = { progress: (fraction) => onProgress?.(fraction), answer: () => resolve(added()) };
        });
      }
      return Promise.resolve(added());
    },
    send: () => Promise.resolve(new Response(server.text, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } })),
    download: (path: string) => {
      server.downloads.push(path);
      return Promise.resolve();
    },
  };
});

// axe asks a canvas whether text is an icon font; jsdom has none to give.
beforeAll(() => void vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null));

function open() {
  return render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } })}>
      <MemoryRouter initialEntries={['/documents/d1']}>
        <Routes>
          <Route path="/documents/:id" element={<DocumentScreen />} />
          <Route path="/documents" element={<p>All documents listed</p>} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

const pick = (container: HTMLElement, file: File) => fireEvent.change(container.querySelector('input[type=file]')!, { target: { files: [file] } });

describe('a document he reads', () => {
  beforeEach(() => {
    server.document = aDocument();
    server.text = 'I take part at my own risk.\nI will tell the staff of any medical condition.';
    server.posts = [];
    server.deleted = [];
    server.downloads = [];
    server.refuseAcknowledgement = null;
  });

  afterEach(cleanup);

  it('shows a waiver\'s words and accepts the version he read', async () => {
    open();

    expect(await screen.findByRole('heading', { level: 1, name: 'Retreat waiver' })).toBeTruthy();
    expect((await screen.findByLabelText('The text of Retreat waiver')).textContent).toContain('I will tell the staff of any medical condition.');
    expect(screen.getByText('waiver.txt · Text · 2 KB')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'I have read and accept version 1' }));

    expect(await screen.findByText('✓ You acknowledged version 1.')).toBeTruthy();
    expect(server.posts).toEqual([{ path: '/api/v1/documents/{id}/acknowledgements', body: { version: 1 } }]);
    expect(screen.queryByRole('button', { name: /I have read and accept/ })).toBeNull();
  });

  it('asks him to acknowledge guidelines again when a new version came since he did', async () => {
    server.document = aDocument({ kind: 'GUIDELINE', title: 'Circle agreements', version: 2, acknowledgedVersion: 1 });
    open();

    expect(await screen.findByText('You acknowledged version 1. Version 2 is new: read it, then acknowledge it again.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'I have read and accept version 2' })).toBeTruthy();
  });

  it('reads the document again when a new version came while he read, and tells him to read it', async () => {
    server.refuseAcknowledgement = { status: 409, code: 'DOCUMENT_VERSION_STALE', then: { version: 2, updatedAt: '2026-12-02T09:00:00Z' } };
    open();

    fireEvent.click(await screen.findByRole('button', { name: 'I have read and accept version 1' }));

    expect(await screen.findByText('A new version came while you read. Read it, then acknowledge it.')).toBeTruthy();
    expect(await screen.findByRole('button', { name: 'I have read and accept version 2' })).toBeTruthy();
    expect(screen.queryByText('✓ You acknowledged version 1.')).toBeNull();
  });

  it('offers no acknowledgement for a document to read', async () => {
    server.document = aDocument({ kind: 'DOCUMENT', title: 'Handbook' });
    open();

    await screen.findByLabelText('The text of Handbook');
    expect(screen.queryByRole('button', { name: /I have read and accept/ })).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Your acknowledgement' })).toBeNull();
  });

  it('fetches the file with his token to download it under its own name', async () => {
    open();

    fireEvent.click(await screen.findByRole('button', { name: 'Download' }));

    await waitFor(() => expect(server.downloads).toEqual(['/api/v1/documents/d1/file?version=1']));
  });

  it('shows a man who does not manage it no count, no log, no new version and no archiving', async () => {
    open();

    await screen.findByRole('button', { name: 'I have read and accept version 1' });
    expect(screen.queryByRole('heading', { name: 'Manage' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Archive' })).toBeNull();
    expect(screen.queryByRole('button', { name: /the log \(CSV\)/ })).toBeNull();
    expect(screen.queryByText(/Acknowledgements of version/)).toBeNull();
  });

  it('has nothing axe finds wrong', async () => {
    server.document = aDocument({ canManage: true, acknowledgements: 4 });
    const { container } = open();
    await screen.findByLabelText('The text of Retreat waiver');

    // jsdom draws nothing: colour contrast is for the browser test.
    const found = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });

    expect(found.passes.length).toBeGreaterThan(0);
    expect(found.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.html).join(' | '))).toEqual([]);
  });
});

describe('a document he manages', () => {
  beforeEach(() => {
    server.document = aDocument({ canManage: true, acknowledgements: 4, version: 2 });
    server.text = 'Waiver, second version.';
    server.posts = [];
    server.deleted = [];
    server.downloads = [];
    server.hold = false;
    server.sending = null;
  });

  afterEach(cleanup);

  it('says how many acknowledged the current version, and downloads their log', async () => {
    open();

    const manage = within((await screen.findByRole('heading', { name: 'Manage' })).parentElement!);
    expect(manage.getByText('Acknowledgements of version 2: 4')).toBeTruthy();
    fireEvent.click(manage.getByRole('button', { name: 'Download the log (CSV)' }));

    await waitFor(() => expect(server.downloads).toEqual(['/api/v1/documents/d1/acknowledgements.csv']));
  });

  it('uploads a new version as a multipart file, and shows it', async () => {
    const { container } = open();
    await screen.findByRole('heading', { name: 'Manage' });

    pick(container, new File(['Waiver, third version.'], 'waiver-3.txt', { type: 'text/plain' }));
    expect(screen.getByText('waiver-3.txt · 22 bytes')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Upload as version 3' }));

    expect(await screen.findByText('Version 3 is up.')).toBeTruthy();
    expect(server.posts).toHaveLength(1);
    expect(server.posts[0].path).toBe('/api/v1/documents/d1/versions');
    const sent = server.posts[0].body as FormData;
    expect((sent.get('file') as File).name).toBe('waiver-3.txt');
    expect(screen.getByText(/^Version 3 · /)).toBeTruthy();
  });

  it('shows how far a new version has gone up while it is sent, its button disabled', async () => {
    server.hold = true;
    const { container } = open();
    await screen.findByRole('heading', { name: 'Manage' });
    pick(container, new File(['Waiver, third version.'], 'waiver-3.txt', { type: 'text/plain' }));

    fireEvent.click(screen.getByRole('button', { name: 'Upload as version 3' }));

    const bar = await screen.findByRole('progressbar', { name: 'Sending the file' });
    expect(screen.getByText('Sending…')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Upload as version 3' }) as HTMLButtonElement).disabled).toBe(true);
    act(() => server.sending!.progress(0.8));
    expect(bar.getAttribute('aria-valuenow')).toBe('80');
    expect(screen.getByText('Sending… 80%')).toBeTruthy();
    act(() => server.sending!.answer());
    expect(await screen.findByText('Version 3 is up.')).toBeTruthy();
    expect(screen.queryByRole('progressbar', { name: 'Sending the file' })).toBeNull();
  });

  it('refuses a file over 20 MB in the browser, saying so, and sends nothing', async () => {
    const { container } = open();
    await screen.findByRole('heading', { name: 'Manage' });

    pick(container, new File([new Uint8Array(Math.round(20.2 * 1024 * 1024))], 'scan.pdf', { type: 'application/pdf' }));
    fireEvent.click(screen.getByRole('button', { name: 'Upload as version 3' }));

    expect(screen.getByText('This file is 20.2 MB: a file is at most 20 MB.')).toBeTruthy();
    expect(server.posts).toEqual([]);
  });

  it('archives it once asked to confirm, and goes back to the list', async () => {
    open();

    fireEvent.click(await screen.findByRole('button', { name: 'Archive' }));
    const dialog = await screen.findByRole('dialog', { name: 'Archive "Retreat waiver"?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Archive' }));

    expect(await screen.findByText('All documents listed')).toBeTruthy();
    expect(server.deleted).toEqual(['/api/v1/documents/{id}']);
  });
});
