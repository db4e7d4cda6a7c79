import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fill, m } from '../messages';
import { page, tenant } from '../test/fixtures';
import { network } from '../test/network';
import { renderScreen } from '../test/render';
import { Organisations } from './Organisations';

const demo = tenant('demo');
const broken = tenant('broken', { status: 'FAILED', failureReason: 'the schema could not be migrated', activatedAt: null });
const quiet = tenant('quiet', { status: 'SUSPENDED' });

/** The row of an organisation in the table (each carries its slug). */
const row = async (slug: string) => {
  await screen.findByText(demo.name);
  return document.querySelector<HTMLElement>(`tr[data-slug='${slug}']`)!;
};

describe('the organisations', () => {
  beforeEach(() => {
    network.on('GET /api/v1/tenants', { body: page([demo, broken, quiet], { totalItems: 45 }) });
    network.on('GET /api/v1/billing/stripe', { body: { organisations: [{ tenantId: demo.id, accountId: 'acct_1', status: 'READY', updatedAt: '2026-11-03T10:00:00Z' }] } });
    network.on('GET /api/v1/billing/revenue', { body: { months: 12, rows: [] } });
    network.on('GET /api/v1/plans', { body: { plans: [] } });
    network.on('GET /api/v1/operators/audit', { body: { items: [] } });
  });

  it('lists each organisation with its status, Stripe account and the actions its status allows', async () => {
    renderScreen(<Organisations onSignOut={() => undefined} />);

    const active = await row('demo');
    expect(within(active).getByText(m.statuses.ACTIVE).closest('[data-status]')?.getAttribute('data-status')).toBe('ACTIVE');
    expect(active.querySelector('[data-stripe]')?.textContent).toBe(m.stripeStatuses.READY);
    expect(within(active).getByRole('button', { name: m.suspend })).toBeTruthy();
    expect(within(active).getByRole('button', { name: m.resend })).toBeTruthy();
    const failed = await row('broken');
    expect(within(failed).getByText(fill(m.failed, { reason: 'the schema could not be migrated' }))).toBeTruthy();
    expect(failed.querySelector('[data-stripe]')?.textContent).toBe(m.stripeStatuses.NOT_CONNECTED);
    expect(within(failed).getByRole('button', { name: m.retry })).toBeTruthy();
    expect(within(await row('quiet')).getByRole('button', { name: m.reactivate })).toBeTruthy();
    expect(screen.getByText(fill(m.page, { page: 1, pages: 3 }))).toBeTruthy();
    expect(network.sent('GET /api/v1/tenants')[0].query.get('size')).toBe('20');
  });

  it('searches by slug or name and filters by status, from the first page', async () => {
    renderScreen(<Organisations onSignOut={() => undefined} />);
    await row('demo');

    fireEvent.click(screen.getByRole('button', { name: m.next }));
    await waitFor(() => expect(network.sent('GET /api/v1/tenants').at(-1)?.query.get('page')).toBe('1'));
    fireEvent.change(screen.getByLabelText(m.search), { target: { value: 'dem' } });

    await waitFor(() => expect(network.sent('GET /api/v1/tenants').at(-1)?.query.get('q')).toBe('dem'));
    expect(network.sent('GET /api/v1/tenants').at(-1)?.query.get('page')).toBe('0');
    fireEvent.click(screen.getByRole('button', { name: m.next }));
    await waitFor(() => expect(network.sent('GET /api/v1/tenants').at(-1)?.query.get('page')).toBe('1'));
    fireEvent.mouseDown(screen.getByRole('combobox', { name: m.status }));
    fireEvent.click(await screen.findByRole('option', { name: m.statuses.SUSPENDED }));

    await waitFor(() => expect(network.sent('GET /api/v1/tenants').at(-1)?.query.get('status')).toBe('SUSPENDED'));
    expect(network.sent('GET /api/v1/tenants').at(-1)?.query.get('q')).toBe('dem');
    expect(network.sent('GET /api/v1/tenants').at(-1)?.query.get('page')).toBe('0');
  });

  it("sends the first admin a new invitation once the operator confirms, and says so", async () => {
    network.on('POST /api/v1/tenants/demo/resend-invitation', { body: demo });
    renderScreen(<Organisations onSignOut={() => undefined} />);

    fireEvent.click(within(await row('demo')).getByRole('button', { name: m.resend }));
    const dialog = await screen.findByRole('dialog', { name: m.resend });
    expect(within(dialog).getByText(fill(m.confirmResend, { name: demo.name, email: demo.adminEmail }))).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: m.confirm }));

    expect(await screen.findByText(fill(m.resent, { email: demo.adminEmail }))).toBeTruthy();
    expect(network.sent('POST /api/v1/tenants/demo/resend-invitation')).toHaveLength(1);
    await waitFor(() => expect(network.sent('GET /api/v1/tenants').length).toBeGreaterThan(1));
  });

  it("gives an organisation its own texting number, shows the server's word on a bad one, and goes back to the shared one", async () => {
    network.on('PUT /api/v1/tenants/demo/sms-number',
      { status: 422, body: { code: 'VALIDATION_ERROR', detail: 'The request is not valid', errors: [{ field: 'number', message: 'must be an international number such as +447700900123' }] } },
      { body: { ...demo, smsNumber: '+447700900555' } });
    renderScreen(<Organisations onSignOut={() => undefined} />);
    expect((await row('demo')).querySelector('[data-sms]')?.textContent).toContain(m.sharedNumber);

    fireEvent.click(within(await row('demo')).getByRole('button', { name: fill(m.changeNumberOf, { name: demo.name }) }));
    const dialog = await screen.findByRole('dialog', { name: fill(m.changeNumberOf, { name: demo.name }) });
    fireEvent.change(within(dialog).getByLabelText(m.smsNumber), { target: { value: '07700 900555' } });
    fireEvent.click(within(dialog).getByRole('button', { name: m.save }));
    expect(await within(dialog).findByText('must be an international number such as +447700900123')).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText(m.smsNumber), { target: { value: ' +447700900555 ' } });
    fireEvent.click(within(dialog).getByRole('button', { name: m.save }));

    expect(await screen.findByText(fill(m.numberSet, { name: demo.name, number: '+447700900555' }))).toBeTruthy();
    expect(network.sent('PUT /api/v1/tenants/demo/sms-number').map((s) => s.body)).toEqual([{ number: '07700 900555' }, { number: '+447700900555' }]);
  });

  it('suspends an organisation only once the operator confirms', async () => {
    network.on('POST /api/v1/tenants/demo/suspend', { body: { ...demo, status: 'SUSPENDED' } });
    renderScreen(<Organisations onSignOut={() => undefined} />);

    fireEvent.click(within(await row('demo')).getByRole('button', { name: m.suspend }));
    const dialog = await screen.findByRole('dialog', { name: m.suspend });
    fireEvent.click(within(dialog).getByRole('button', { name: m.cancel }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(network.sent('POST /api/v1/tenants/demo/suspend')).toHaveLength(0);
    fireEvent.click(within(await row('demo')).getByRole('button', { name: m.suspend }));
    fireEvent.click(within(await screen.findByRole('dialog', { name: m.suspend })).getByRole('button', { name: m.confirm }));

    await waitFor(() => expect(network.sent('POST /api/v1/tenants/demo/suspend')).toHaveLength(1));
  });

  it('shows what went wrong when the list cannot be read', async () => {
    network.on('GET /api/v1/tenants', { status: 503, body: { status: 503, code: 'UNAVAILABLE', detail: 'The registry is not answering.' } });
    renderScreen(<Organisations onSignOut={() => undefined} />);

    expect((await screen.findByText('The registry is not answering.')).closest('[role=alert]')).toBeTruthy();
  });

  it('signs out', async () => {
    const signOut = vi.fn();
    renderScreen(<Organisations onSignOut={signOut} />);

    fireEvent.click(screen.getByRole('button', { name: m.signOut }));

    expect(signOut).toHaveBeenCalledOnce();
  });
});
