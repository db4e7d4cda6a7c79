import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { m } from '../messages';
import { network } from '../test/network';
import { renderScreen } from '../test/render';
import { Audit } from './Audit';

const entry = (id: string, at: string, action: string, more: object = {}) => ({ id, at, operatorId: null, email: 'operator@hearth.example', action, ip: '203.0.113.7', detail: null, ...more });

describe("the operators' sign-in audit", () => {
  it('shows the last sign-ins newest first, in words, asking for the last hundred', async () => {
    network.on('GET /api/v1/operators/audit', {
      body: {
        items: [
          entry('1', '2026-12-01T08:00:00Z', 'SIGNED_IN'),
          entry('2', '2026-12-03T08:00:00Z', 'LOCKED_OUT', { detail: 'five wrong codes' }),
          entry('3', '2026-12-02T08:00:00Z', 'SOMETHING_NEW'),
        ],
      },
    });

    renderScreen(<Audit />);

    const table = await screen.findByRole('table', { name: m.audit });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.getAttribute('data-action'))).toEqual(['LOCKED_OUT', 'SOMETHING_NEW', 'SIGNED_IN']);
    expect(within(rows[0]).getByText(m.auditActions.LOCKED_OUT)).toBeTruthy();
    expect(within(rows[0]).getByText('five wrong codes')).toBeTruthy();
    expect(within(rows[1]).getByText('SOMETHING_NEW')).toBeTruthy();
    expect(within(rows[2]).getByText(m.auditActions.SIGNED_IN)).toBeTruthy();
    expect(rows[0].querySelector('time')?.getAttribute('datetime')).toBe('2026-12-03T08:00:00Z');
    expect(network.sent('GET /api/v1/operators/audit')[0].query.get('limit')).toBe('100');
  });

  it('says when no one has signed in yet, and reads the audit again on Refresh', async () => {
    network.on('GET /api/v1/operators/audit', { body: { items: [] } }, { body: { items: [entry('1', '2026-12-01T08:00:00Z', 'SIGNED_IN')] } });
    renderScreen(<Audit />);

    expect(await screen.findByText(m.noAudit)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: m.refresh }));

    expect(await screen.findByText(m.auditActions.SIGNED_IN)).toBeTruthy();
    await waitFor(() => expect(network.sent('GET /api/v1/operators/audit')).toHaveLength(2));
  });
});
