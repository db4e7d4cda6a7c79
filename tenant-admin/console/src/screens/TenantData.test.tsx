import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { m } from '../messages';
import { tenant } from '../test/fixtures';
import { network } from '../test/network';
import { renderScreen } from '../test/render';
import { TenantData } from './TenantData';

const demo = tenant('demo', {
  cluster: 'main',
  schemaVersion: '20261209100000',
  sizeBytes: 3 * 1024 * 1024,
  members: 412,
  lastActivityAt: '2026-12-07T08:00:00Z',
  lastBackupAt: '2026-12-07T03:30:00Z',
  lastRehearsal: { at: '2026-12-07T03:31:00Z', ok: true, detail: '9120 rows restored in 840 ms' },
  reportedAt: '2026-12-07T09:00:00Z',
});
const backup = { id: 'b-1', state: 'DONE', requestedAt: '2026-12-07T03:30:00Z', rows: 9120, sizeBytes: 2048000 };

describe("an organisation's data", () => {
  beforeEach(() => {
    network.on('GET /api/v1/tenants/demo', { body: demo });
    network.on('GET /api/v1/tenants/demo/backups', { body: [backup] });
    network.on('GET /api/v1/clusters', { body: [{ name: 'main', organisations: 40 }, { name: 'pg-2', organisations: 3 }] });
  });

  it('shows where it lives and its figures, as app last reported them', async () => {
    renderScreen(<TenantData tenant={demo} onClose={() => undefined} />);

    await screen.findByText('412');
    expect(document.querySelector(`[data-figure='${m.cluster}']`)?.textContent).toBe('main');
    expect(document.querySelector(`[data-figure='${m.size}']`)?.textContent).toBe('3.0 MB');
    expect(document.querySelector(`[data-figure='${m.lastRehearsal}']`)?.textContent).toContain(m.rehearsalOk);
    await waitFor(() => expect(document.querySelector("[data-backup='DONE']")).toBeTruthy());
  });

  it('moves it to another cluster, offering only the others', async () => {
    network.on('POST /api/v1/tenants/demo/move', { status: 202, body: { ...demo, move: { target: 'pg-2', state: 'REQUESTED' } } });
    renderScreen(<TenantData tenant={demo} onClose={() => undefined} />);
    await screen.findByText('412');

    const target = screen.getByRole('combobox', { name: m.moveTo });
    await waitFor(() => expect(target.getAttribute('aria-disabled')).not.toBe('true'));
    fireEvent.mouseDown(target);
    const options = await screen.findAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual(['pg-2 (3)']);
    fireEvent.click(options[0]);
    fireEvent.click(screen.getByRole('button', { name: m.move }));

    await waitFor(() => expect(network.sent('POST /api/v1/tenants/demo/move')[0]?.body).toEqual({ cluster: 'pg-2' }));
  });

  it('restores a backup as a new organisation at the address given', async () => {
    network.on('POST /api/v1/tenants/demo/restore', { status: 202, body: tenant('demo-copy', { status: 'PROVISIONING' }) });
    renderScreen(<TenantData tenant={demo} onClose={() => undefined} />);
    const item = await waitFor(() => {
      const found = document.querySelector<HTMLElement>("[data-backup='DONE']");
      expect(found).toBeTruthy();
      return found!;
    });

    fireEvent.click(within(item).getByRole('button', { name: m.restoreAsNew }));
    fireEvent.change(screen.getByLabelText(m.newSlug), { target: { value: 'demo-copy' } });
    fireEvent.click(screen.getByRole('button', { name: m.confirm }));

    await waitFor(() => expect(network.sent('POST /api/v1/tenants/demo/restore')[0]?.body).toEqual({ backup: 'b-1', newSlug: 'demo-copy' }));
    expect(await screen.findByText(m.restoreAsked)).toBeTruthy();
  });
});
