import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import axe from 'axe-core';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { aDocument } from '../fixtures';
import NewDocument, { type Choice } from './NewDocument';

/**
 * His permissions, each document shared with its headers, the refusal the server gives the next one, and, when `hold` is
 * set, the sharing under way: its progress reported by the test, its answer given when the test says.
 */
const server = vi.hoisted(() => ({
  permissions: [] as string[],
  shared: [] as { path: string; body: FormData; key: string }[],
  refuse: null as null | { status: number; code: string; detail: string },
  hold: false,
  sending: null as null | { progress: (fraction: number) => void; answer: () => void },
}));

vi.mock('../../../auth', () => ({
  useAuth: () => ({ me: { person: { id: 'me' }, permissions: server.permissions }, can: (p: string) => server.permissions.includes(p) }),
}));

// A file goes up through the client's upload (an XMLHttpRequest, for its progress): the fake server answers there.
vi.mock('../../../api/client', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../api/client')>();
  const { ApiError } = await import('../../../api/problem');
  return {
    ...real,
    upload: (path: string, body: FormData, headers: Record<string, string>, onProgress?: (fraction: number) => void) => {
      server.shared.push({ path, body, key: headers['Idempotency-Key'] });
      if (server.refuse) {
        const problem = server.refuse;
        server.refuse = null;
        return Promise.reject(new ApiError(problem));
      }
      const shared = aDocument({ id: 'new1', title: String(body.get('title')) });
      if (server.hold) {
        return new Promise((resolve) => {
          server.sending = { progress: (fraction) => onProgress?.(fraction), answer: () => resolve(shared) };
        });
      }
      return Promise.resolve(shared);
    },
  };
});

beforeAll(() => void vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null));

const oak: Choice = { id: 'c1', name: 'Oak circle' };
const retreat: Choice = { id: 'e1', name: 'Autumn retreat (3 Jan 2027)' };

function open(audiences: { circles?: Choice[]; events?: Choice[] }, at = '/documents/new') {
  return render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } })}>
      <MemoryRouter initialEntries={[at]}>
        <Routes>
          <Route path="/documents/new" element={<NewDocument {...audiences} />} />
          <Route path="/documents/:id" element={<p>Document shared</p>} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

const pick = (container: HTMLElement, file: File) => fireEvent.change(container.querySelector('input[type=file]')!, { target: { files: [file] } });
const audienceGroup = () => within(screen.getByRole('radiogroup', { name: 'Who is it for?' }));
const waiverFile = () => new File(['I take part at my own risk.'], 'waiver.txt', { type: 'text/plain' });

describe('sharing a document', () => {
  beforeEach(() => {
    server.permissions = [];
    server.shared = [];
    server.refuse = null;
    server.hold = false;
    server.sending = null;
  });

  afterEach(cleanup);

  it('offers an admin everyone, the circles and the events, and sends the file with its kind, title and audience', async () => {
    server.permissions = ['organisation.manage', 'circles.manage', 'events.manage'];
    const { container } = open({ circles: [oak], events: [retreat] });

    expect(audienceGroup().getAllByRole('radio').map((r) => (r as HTMLInputElement).labels?.[0].textContent)).toEqual([
      'Everyone in the organisation', 'A circle I run', 'The men coming to an event I run',
    ]);
    fireEvent.click(screen.getByRole('radio', { name: /^Guidelines/ }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Title' }), { target: { value: ' Code of conduct ' } });
    pick(container, new File(['Be kind.'], 'conduct.md', { type: 'text/markdown' }));
    fireEvent.click(screen.getByRole('button', { name: 'Share' }));

    expect(await screen.findByText('Document shared')).toBeTruthy();
    expect(server.shared).toHaveLength(1);
    expect(server.shared[0].path).toBe('/api/v1/documents');
    const sent = server.shared[0].body;
    expect([sent.get('kind'), sent.get('title'), sent.get('audience'), sent.get('circleId'), sent.get('eventId')]).toEqual(['GUIDELINE', 'Code of conduct', 'ORGANISATION', null, null]);
    expect((sent.get('file') as File).name).toBe('conduct.md');
    expect(server.shared[0].key).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('offers a PTM only the events he runs, starting with the one he came from, and sends its id', async () => {
    server.permissions = ['events.manage', 'events.staff'];
    const { container } = open({ circles: [], events: [{ id: 'e0', name: 'Movie night' }, retreat] }, '/documents/new?eventId=e1');

    expect(audienceGroup().getAllByRole('radio')).toHaveLength(1);
    expect((screen.getByRole('combobox', { name: 'Event' }) as HTMLSelectElement).value).toBe('e1');
    fireEvent.click(screen.getByRole('radio', { name: /^Waiver/ }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Title' }), { target: { value: 'Retreat waiver' } });
    pick(container, waiverFile());
    fireEvent.click(screen.getByRole('button', { name: 'Share' }));

    await screen.findByText('Document shared');
    const sent = server.shared[0].body;
    expect([sent.get('kind'), sent.get('audience'), sent.get('eventId'), sent.get('circleId')]).toEqual(['WAIVER', 'EVENT', 'e1', null]);
  });

  it('says who may share, and shows no form, to a man who runs nothing', async () => {
    open({ circles: [], events: [] });

    expect(await screen.findByText(/Admins share documents with everyone; facilitators with their circles/)).toBeTruthy();
    expect(screen.queryByRole('form')).toBeNull();
  });

  it('waits for the circles and events he runs before showing the form', () => {
    server.permissions = ['circles.manage'];
    open({ circles: undefined, events: [] });

    expect(screen.getByRole('status').textContent).toContain('Loading');
    expect(screen.queryByRole('form')).toBeNull();
  });

  it('says a file over 20 MB is too large before sending it, and asks for a title and a file', async () => {
    server.permissions = ['circles.manage'];
    const { container } = open({ circles: [oak], events: [] });

    fireEvent.click(screen.getByRole('button', { name: 'Share' }));
    expect(screen.getByText('Required.')).toBeTruthy();
    expect(screen.getByText('Choose a file.')).toBeTruthy();
    pick(container, new File([new Uint8Array(Math.round(21.5 * 1024 * 1024))], 'scan.pdf', { type: 'application/pdf' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Title' }), { target: { value: 'Reading' } });
    fireEvent.click(screen.getByRole('button', { name: 'Share' }));

    expect(screen.getByText('This file is 21.5 MB: a file is at most 20 MB.')).toBeTruthy();
    expect(server.shared).toEqual([]);
  });

  it('shows the server\'s refusal of the file\'s type beside the file, and sends a file picked again under the same key', async () => {
    server.permissions = ['circles.manage'];
    server.refuse = { status: 415, code: 'FILE_TYPE_REFUSED', detail: "The file's name says .pdf but it is image/png" };
    const { container } = open({ circles: [oak], events: [] });
    fireEvent.change(screen.getByRole('textbox', { name: 'Title' }), { target: { value: 'Reading' } });
    pick(container, new File(['\x89PNG'], 'reading.pdf', { type: 'application/pdf' }));

    fireEvent.click(screen.getByRole('button', { name: 'Share' }));

    const refusal = await screen.findByRole('alert');
    expect(refusal.textContent).toBe("This file was refused: it is not a PDF, PNG, JPEG or plain text file, or not what its name says. (The file's name says .pdf but it is image/png)");
    pick(container, new File(['%PDF-1.4'], 'reading.pdf', { type: 'application/pdf' }));
    expect(screen.queryByRole('alert')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Share' }));
    await screen.findByText('Document shared');
    expect(server.shared.map((s) => s.body.get('circleId'))).toEqual(['c1', 'c1']);
    expect(server.shared[1].key).toBe(server.shared[0].key);
  });

  it('shows how far the file has gone up while it is sent, Share disabled, with nothing axe finds wrong', async () => {
    server.permissions = ['circles.manage'];
    server.hold = true;
    const { container } = open({ circles: [oak], events: [] });
    fireEvent.change(screen.getByRole('textbox', { name: 'Title' }), { target: { value: 'Reading' } });
    pick(container, waiverFile());

    fireEvent.click(screen.getByRole('button', { name: 'Share' }));

    const bar = await screen.findByRole('progressbar', { name: 'Sending the file' });
    expect(bar.getAttribute('aria-valuenow')).toBeNull();
    expect(screen.getByText('Sending…')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Share' }) as HTMLButtonElement).disabled).toBe(true);
    act(() => server.sending!.progress(0.456));
    expect(bar.getAttribute('aria-valuenow')).toBe('45');
    expect(screen.getByText('Sending… 45%')).toBeTruthy();
    const found = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(found.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.html).join(' | '))).toEqual([]);
    act(() => server.sending!.progress(1));
    expect(screen.getByText('Sent. Checking and saving the file…')).toBeTruthy();
    act(() => server.sending!.answer());
    expect(await screen.findByText('Document shared')).toBeTruthy();
  });

  it('has nothing axe finds wrong', async () => {
    server.permissions = ['organisation.manage'];
    const { container } = open({ circles: [oak], events: [retreat] });
    fireEvent.click(screen.getByRole('radio', { name: 'A circle I run' }));

    const found = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });

    expect(found.passes.length).toBeGreaterThan(0);
    expect(found.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.html).join(' | '))).toEqual([]);
  });
});
