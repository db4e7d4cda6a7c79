import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { m } from '../messages';
import { network } from '../test/network';
import { renderScreen } from '../test/render';
import { money } from '../ui/format';
import { Revenue } from './Revenue';

describe('the platform fees per month', () => {
  it('shows each month and organisation by name, asking for a year', async () => {
    network.on('GET /api/v1/billing/revenue', {
      body: {
        months: 12,
        rows: [
          { tenantId: 'id-demo', month: '2026-11', currency: 'GBP', feeCents: 400, movements: 3 },
          { tenantId: 'id-gone', month: '2026-10', currency: 'EUR', feeCents: 250, movements: 1 },
        ],
      },
    });

    renderScreen(<Revenue names={{ 'id-demo': 'Demo Men' }} />);

    const table = await screen.findByRole('table', { name: m.revenue });
    const rows = within(table).getAllByRole('row').slice(1).map((row) => within(row).getAllByRole('cell').map((cell) => cell.textContent));
    expect(rows).toEqual([
      ['2026-11', 'Demo Men', money(400, 'GBP'), '3'],
      ['2026-10', 'id-gone', money(250, 'EUR'), '1'],
    ]);
    expect(network.sent('GET /api/v1/billing/revenue')[0].query.get('months')).toBe('12');
  });

  it('says when there are no fees yet', async () => {
    network.on('GET /api/v1/billing/revenue', { body: { months: 12, rows: [] } });

    renderScreen(<Revenue names={{}} />);

    expect(await screen.findByText(m.noRevenue)).toBeTruthy();
  });

  it('shows what went wrong when the fees cannot be read', async () => {
    network.on('GET /api/v1/billing/revenue', { status: 500, body: { status: 500, code: 'INTERNAL_ERROR', detail: 'Billing is down.' } });

    renderScreen(<Revenue names={{}} />);

    expect((await screen.findByRole('alert')).textContent).toContain('Billing is down.');
  });
});
