import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import axe from 'axe-core';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../api/problem';
import type { ImportRow, MemberImport } from '../api/types';
import { aReport, aRow } from '../fixtures';
import Import from './Import';
import Imports from './Imports';

/**
 * The server as the screens see it: the import it holds (and the ones its next reads answer, as it runs), its rows,
 * and what it was sent.
 */
const server = vi.hoisted(() => ({
  report: null as unknown as MemberImport,
  next: [] as MemberImport[],
  rows: [] as ImportRow[],
  uploads: [] as { path: string; init: RequestInit }[],
  refuseUpload: null as null | { status: number; code: string; detail: string },
  commits: [] as string[],
  deletes: [] as string[],
  /** What the commit answers, then what each later read answers, as the import runs. */
  afterCommit: [] as MemberImport[],
  afterDelete: null as MemberImport | null,
  reads: [] as boolean[],
  downloads: [] as string[][],
}));

vi.mock('../../../api/client', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../api/client')>();
  const answer = (data: unknown, status = 200) => Promise.resolve({ data: structuredClone(data), response: new Response(null, { status }) });
  const withRows = (report: MemberImport, rows: boolean) => ({ ...report, rows: rows ? server.rows : null });
  return {
    ...real,
    api: {
      GET: (_: string, init: { params: { query: { rows: boolean } } }) => {
        if (server.next.length > 0) {
          server.report = server.next.shift()!;
        }
        server.reads.push(init.params.query.rows);
        return answer(withRows(server.report, init.params.query.rows));
      },
      POST: (path: string, init: { params: { path: { id: string } } }) => {
        server.commits.push(path.replace('{id}', init.params.path.id));
        [server.report, ...server.next] = server.afterCommit;
        return answer(withRows(server.report, true), 202);
      },
      DELETE: (path: string, init: { params: { path: { id: string } } }) => {
        server.deletes.push(path.replace('{id}', init.params.path.id));
        if (!server.afterDelete) {
          return Promise.resolve({ data: undefined, response: new Response(null, { status: 204 }) });
        }
        server.report = server.afterDelete;
        return answer(withRows(server.report, false), 202);
      },
    },
    send: (path: string, init: RequestInit) => {
      server.uploads.push({ path, init });
      if (server.refuseUpload) {
        return Promise.reject(new ApiError(server.refuseUpload));
      }
      return Promise.resolve(new Response(JSON.stringify(withRows(server.report, true)), { status: 201 }));
    },
    download: (path: string, filename: string) => {
      server.downloads.push([path, filename]);
      return Promise.resolve();
    },
  };
});

// axe asks a canvas whether text is an icon font; jsdom has none to give.
beforeAll(() => void vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null));

function open(path: string) {
  return render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } })}>
      <MemoryRouter initialEntries={[path]}>
        <Routes>
          <Route path="/admin/imports" element={<Imports />} />
          <Route path="/admin/imports/:id" element={<Import />} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

const counts = { total: 5, create: 1, update: 1, unchanged: 1, skipped: 2 };
/** A dry run of a file of five rows: a new man, a change, one as he is, a formula and a second row for the same address. */
const dryRun = aReport({ counts });
const fiveRows = [
  aRow(2, { email: 'al@example.org', firstName: 'Al', lastName: 'Green', action: 'CREATE', consentState: 'GIVEN' }),
  aRow(3, { email: 'max@example.org', firstName: 'Maximilian', lastName: 'Member', action: 'UPDATE', changes: ['firstName', 'roles'], personId: 'p3' }),
  aRow(4, { email: 'sam@example.org', firstName: 'Sam', lastName: 'Same', action: 'UNCHANGED', personId: 'p4' }),
  aRow(5, { email: 'eve@example.org', firstName: '=HYPERLINK("http://evil.example")', lastName: 'Smith', action: 'SKIPPED', reason: 'FORMULA',
    detail: 'The cell firstName starts like a spreadsheet formula (=, +, -, @): it is not imported' }),
  aRow(6, { email: 'AL@example.org', firstName: 'Al', lastName: 'Again', action: 'SKIPPED', reason: 'DUPLICATE_EMAIL', detail: 'Line 2 has the same email' }),
];
const progress = (done: number, more: Partial<MemberImport['progress']> = {}) => ({ done, total: 2, failed: 0, undone: 0, kept: 0, invited: 0, toInvite: 1, ...more });
const inADay = () => new Date(Date.now() + 23 * 3600_000).toISOString();

const table = () => screen.getByRole('table', { name: 'Rows' });
const row = (line: number) => within(table()).getAllByRole('row').find((r) => within(r).queryAllByRole('cell')[0]?.textContent === String(line))!;

describe('importing members', () => {
  beforeEach(() => {
    server.report = dryRun;
    server.next = [];
    server.rows = fiveRows;
    server.uploads = [];
    server.refuseUpload = null;
    server.commits = [];
    server.deletes = [];
    server.afterCommit = [];
    server.afterDelete = null;
    server.reads = [];
    server.downloads = [];
  });

  afterEach(cleanup);

  it('sends the chosen file as it is, as text/csv for a dry run, and opens the import it answers with its counts and every row', async () => {
    open('/admin/imports');
    const file = new File(['email,firstName,lastName,phone,circle,roles,consent\n'], 'members.csv', { type: 'text/csv' });

    fireEvent.change(screen.getByLabelText('Choose a CSV file'), { target: { files: [file] } });
    expect(screen.getByText('members.csv, 1 KB')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Check the file' }));

    expect(await screen.findByText('Checked: nothing is changed yet')).toBeTruthy();
    expect(server.uploads).toHaveLength(1);
    expect(server.uploads[0].path).toBe('/api/v1/members/imports?dryRun=true');
    expect(server.uploads[0].init.method).toBe('POST');
    expect(server.uploads[0].init.body).toBe(file);
    expect(server.uploads[0].init.headers).toEqual({ 'Content-Type': 'text/csv' });
    const numbers = Object.fromEntries(screen.getAllByRole('term').map((term) => [term.textContent, term.nextElementSibling?.textContent]));
    expect(numbers).toEqual({ Rows: '5', New: '1', Updated: '1', Unchanged: '1', Skipped: '2' });
    expect(within(table()).getAllByRole('row')).toHaveLength(6);
  });

  it('says why each skipped row is left out, and what an update changes', async () => {
    open('/admin/imports/i1');

    await screen.findByRole('table', { name: 'Rows' });
    expect(within(row(2)).getByText('New member')).toBeTruthy();
    expect(within(row(3)).getByText('Changes: first name, roles')).toBeTruthy();
    expect(within(row(4)).getByText('No change')).toBeTruthy();
    expect(within(row(5)).getByText('Skipped')).toBeTruthy();
    expect(within(row(5)).getByText('Looks like a formula')).toBeTruthy();
    expect(within(row(5)).getByText('The cell firstName starts like a spreadsheet formula (=, +, -, @): it is not imported')).toBeTruthy();
    expect(within(row(6)).getByText('Email twice in the file')).toBeTruthy();
    expect(within(row(6)).getByText('Line 2 has the same email')).toBeTruthy();
    expect(within(row(6)).getByText('AL@example.org')).toBeTruthy();
  });

  it('shows only the rows of the kind chosen', async () => {
    open('/admin/imports/i1');
    await screen.findByRole('table', { name: 'Rows' });

    fireEvent.mouseDown(screen.getByRole('combobox', { name: 'Show' }));
    const options = within(await screen.findByRole('listbox')).getAllByRole('option').map((option) => option.textContent);
    expect(options).toEqual(['All rows (5)', 'New (1)', 'Updated (1)', 'Unchanged (1)', 'Skipped (2)']);
    fireEvent.click(screen.getByRole('option', { name: 'Skipped (2)' }));

    await waitFor(() => expect(within(table()).getAllByRole('row')).toHaveLength(3));
    expect(row(5)).toBeTruthy();
    expect(row(6)).toBeTruthy();
  });

  it('asks for a file before sending anything', () => {
    open('/admin/imports');

    fireEvent.click(screen.getByRole('button', { name: 'Check the file' }));

    expect(screen.getByRole('alert').textContent).toBe('Choose a file first.');
    expect(server.uploads).toEqual([]);
  });

  it('shows the server\'s words for a file that is not a members file, and stays on the form', async () => {
    server.refuseUpload = { status: 422, code: 'CSV_HEADER', detail: 'The header row must name the columns email, firstName, lastName, phone, circle, roles, consent; missing: consent' };
    open('/admin/imports');

    fireEvent.change(screen.getByLabelText('Choose a CSV file'), { target: { files: [new File(['email,name\n'], 'people.csv')] } });
    fireEvent.click(screen.getByRole('button', { name: 'Check the file' }));

    expect((await screen.findByRole('alert')).textContent).toContain('missing: consent');
    expect(screen.getByRole('button', { name: 'Check the file' })).toBeTruthy();
  });

  it('imports the dry run and shows its progress until it is applied, then offers undo until the server\'s time', async () => {
    const until = inADay();
    server.afterCommit = [
      aReport({ status: 'APPLYING', counts, committedAt: new Date().toISOString(), undoableUntil: until, progress: progress(1) }),
      aReport({ status: 'APPLIED', counts, committedAt: new Date().toISOString(), appliedAt: new Date().toISOString(), undoableUntil: until, progress: progress(2) }),
    ];
    open('/admin/imports/i1');

    fireEvent.click(await screen.findByRole('button', { name: 'Import 2 rows' }));

    const bar = await screen.findByRole('progressbar', { name: 'Progress' });
    expect(bar.getAttribute('aria-valuenow')).toBe('50');
    expect(screen.getByText('Importing: 1 of 2 rows')).toBeTruthy();
    expect(server.commits).toEqual(['/api/v1/members/imports/i1/commit']);
    expect(await screen.findByText('Imported', {}, { timeout: 3000 })).toBeTruthy();
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.getByText(/^Imported on .*: 2 rows\.$/)).toBeTruthy();
    expect(screen.getByText('0 of 1 invitations sent so far; the rest follow a few at a time.')).toBeTruthy();
    expect(screen.getByText(/^You can undo this import until /)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Undo import' })).toBeTruthy();
    expect(server.reads.filter((rows) => !rows).length).toBeGreaterThan(0);
  });

  it('undoes an applied import after asking, and shows it undoing', async () => {
    server.report = aReport({ status: 'APPLIED', counts, committedAt: new Date().toISOString(), appliedAt: new Date().toISOString(), undoableUntil: inADay(), progress: progress(2) });
    server.afterDelete = aReport({ ...server.report, status: 'UNDOING' });
    open('/admin/imports/i1');

    fireEvent.click(await screen.findByRole('button', { name: 'Undo import' }));
    const asking = screen.getByRole('alertdialog', { name: 'Undo import' });
    fireEvent.click(within(asking).getByRole('button', { name: 'Keep it' }));
    expect(server.deletes).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Undo import' }));
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Yes, undo it' }));

    expect(await screen.findByText('Undoing: 0 of 2 rows')).toBeTruthy();
    expect(server.deletes).toEqual(['/api/v1/members/imports/i1']);
  });

  it('says what an undo put back and whom it kept, and offers nothing more', async () => {
    server.report = aReport({ status: 'UNDONE', counts, committedAt: new Date().toISOString(), appliedAt: new Date().toISOString(),
      undoneAt: new Date().toISOString(), undoableUntil: inADay(), progress: progress(2, { undone: 1, kept: 1 }) });
    server.rows = [aRow(2, { outcome: 'UNDONE', invitation: 'NOT_SENT' }), aRow(3, { outcome: 'KEPT', failure: 'He has signed in since the import: kept', invitation: 'SENT' })];
    open('/admin/imports/i1');

    expect((await screen.findByText(/^Undone on /)).textContent).toMatch(/^Undone on .+\. 1 row put back\. 1 member kept: he has signed in since the import\.$/);
    await screen.findByRole('table', { name: 'Rows' });
    expect(within(row(2)).getByText('Undone')).toBeTruthy();
    expect(within(row(2)).queryByText('No invitation')).toBeNull();
    expect(within(row(3)).getByText('Kept: he has signed in')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Undo import' })).toBeNull();
  });

  it('offers no undo once the server\'s window is over', async () => {
    server.report = aReport({ status: 'APPLIED', counts, committedAt: '2026-01-01T09:00:00Z', appliedAt: '2026-01-01T09:01:00Z', undoableUntil: '2026-01-02T09:00:00Z', progress: progress(2) });
    open('/admin/imports/i1');

    expect(await screen.findByText('The 24 hours to undo this import are over.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Undo import' })).toBeNull();
  });

  it('discards a dry run and goes back to choosing a file', async () => {
    open('/admin/imports/i1');

    fireEvent.click(await screen.findByRole('button', { name: 'Discard' }));

    expect(await screen.findByRole('button', { name: 'Check the file' })).toBeTruthy();
    expect(server.deletes).toEqual(['/api/v1/members/imports/i1']);
  });

  it('offers nothing to import when no row would change anything', async () => {
    server.report = aReport({ counts: { total: 1, create: 0, update: 0, unchanged: 1, skipped: 0 } });
    server.rows = [fiveRows[2]];
    open('/admin/imports/i1');

    expect(await screen.findByText('No row would change anything: there is nothing to import.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Import \d+ rows$/ })).toBeNull();
  });

  it('downloads the members file', async () => {
    open('/admin/imports');

    fireEvent.click(screen.getByRole('button', { name: 'Download all members (CSV)' }));

    await waitFor(() => expect(server.downloads).toEqual([['/api/v1/members/export.csv', 'members.csv']]));
  });

  it('has nothing axe finds wrong, choosing a file or looking at a dry run', async () => {
    for (const path of ['/admin/imports', '/admin/imports/i1']) {
      const { container } = open(path);
      if (path !== '/admin/imports') {
        await screen.findByRole('table', { name: 'Rows' });
      }

      // jsdom draws nothing: colour contrast is for the browser test.
      const found = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });

      expect(found.passes.length).toBeGreaterThan(0);
      expect(found.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.html).join(' | '))).toEqual([]);
      cleanup();
    }
  });
});
