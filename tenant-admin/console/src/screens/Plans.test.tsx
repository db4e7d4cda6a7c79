import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fill, m } from '../messages';
import { network } from '../test/network';
import { renderScreen } from '../test/render';
import { Plans } from './Plans';

const standard = { code: 'standard', name: 'Standard', feePercent: 2.5, feeFixedCents: 30 };

describe('the plans and their fees', () => {
  it('lists the plans with their fees', async () => {
    network.on('GET /api/v1/plans', { body: { plans: [standard, { code: 'charity', name: 'Charity', feePercent: 1, feeFixedCents: 0 }] } });

    renderScreen(<Plans />);

    const table = await screen.findByRole('table', { name: m.plans });
    const rows = within(table).getAllByRole('row').slice(1).map((row) => within(row).getAllByRole('cell').slice(0, 4).map((cell) => cell.textContent));
    expect(rows).toEqual([['standard', 'Standard', '2.5 %', '30'], ['charity', 'Charity', '1 %', '0']]);
  });

  it("changes a plan's fee from its line and reads the plans again", async () => {
    network.on('GET /api/v1/plans', { body: { plans: [standard] } }, { body: { plans: [{ ...standard, feePercent: 3 }] } });
    network.on('PUT /api/v1/plans/standard', { body: { ...standard, feePercent: 3 } });
    renderScreen(<Plans />);

    fireEvent.click(await screen.findByRole('button', { name: m.edit }));
    const form = screen.getByRole('form', { name: m.savePlan });
    expect((within(form).getByLabelText(m.code) as HTMLInputElement).value).toBe('standard');
    fireEvent.change(within(form).getByLabelText(m.feePercent), { target: { value: '3' } });
    fireEvent.click(within(form).getByRole('button', { name: m.savePlan }));

    expect(await screen.findByText(fill(m.planSaved, { code: 'standard' }))).toBeTruthy();
    expect(network.sent('PUT /api/v1/plans/standard').map((s) => s.body)).toEqual([{ name: 'Standard', feePercent: 3, feeFixedCents: 30 }]);
    await waitFor(() => expect(screen.getByText('3 %')).toBeTruthy());
    expect(network.sent('GET /api/v1/plans')).toHaveLength(2);
  });

  it("shows the server's word under the field it refuses", async () => {
    network.on('GET /api/v1/plans', { body: { plans: [] } });
    network.on('PUT /api/v1/plans/cheap', {
      status: 400,
      body: { status: 400, code: 'VALIDATION_ERROR', detail: 'The request has invalid fields', errors: [{ field: 'save.request.feePercent', message: 'must be between 0 and 100' }] },
    });
    renderScreen(<Plans />);

    const form = screen.getByRole('form', { name: m.savePlan });
    fireEvent.change(within(form).getByLabelText(m.code), { target: { value: 'cheap' } });
    fireEvent.change(within(form).getByLabelText(m.name), { target: { value: 'Cheap' } });
    fireEvent.change(within(form).getByLabelText(m.feePercent), { target: { value: '120' } });
    fireEvent.click(within(form).getByRole('button', { name: m.savePlan }));

    expect(await screen.findByText('must be between 0 and 100')).toBeTruthy();
    expect(network.sent('PUT /api/v1/plans/cheap').map((s) => s.body)).toEqual([{ name: 'Cheap', feePercent: 120, feeFixedCents: 0 }]);
  });
});
