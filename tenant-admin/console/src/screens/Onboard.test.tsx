import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { m } from '../messages';
import { tenant } from '../test/fixtures';
import { network } from '../test/network';
import { renderScreen } from '../test/render';
import { Onboard } from './Onboard';

const form = () => screen.getByRole('form', { name: m.create });

const fillIn = (slug: string) => {
  fireEvent.change(within(form()).getByLabelText(m.slug), { target: { value: slug } });
  fireEvent.change(within(form()).getByLabelText(m.name), { target: { value: 'Console Circles' } });
  fireEvent.change(within(form()).getByLabelText(m.adminEmail), { target: { value: 'lead@' + slug + '.test' } });
  fireEvent.click(within(form()).getByRole('button', { name: m.submit }));
};

describe('onboarding an organisation', () => {
  it('sends its slug, name, first admin and plan, then says its provisioning is watched', async () => {
    network.on('POST /api/v1/tenants', { status: 202, headers: { Location: '/api/v1/tenants/circles' }, body: tenant('circles', { status: 'PROVISIONING' }) });
    renderScreen(<Onboard stillProvisioning={(slug) => slug === 'circles'} />);

    expect((within(form()).getByLabelText(m.plan) as HTMLInputElement).value).toBe('standard');
    fillIn('circles');

    expect(await screen.findByText(m.watching)).toBeTruthy();
    expect(network.sent('POST /api/v1/tenants').map((s) => s.body)).toEqual([{ slug: 'circles', name: 'Console Circles', adminEmail: 'lead@circles.test', plan: 'standard' }]);
    expect((within(form()).getByLabelText(m.slug) as HTMLInputElement).value).toBe('');
  });

  it('says nothing more once the list shows the organisation provisioned', async () => {
    network.on('POST /api/v1/tenants', { status: 202, body: tenant('circles', { status: 'PROVISIONING' }) });
    renderScreen(<Onboard stillProvisioning={() => false} />);

    fillIn('circles');

    await waitFor(() => expect(network.sent('POST /api/v1/tenants')).toHaveLength(1));
    await waitFor(() => expect((within(form()).getByLabelText(m.slug) as HTMLInputElement).value).toBe(''));
    expect(screen.queryByText(m.watching)).toBeNull();
  });

  it("shows the server's word under the field it refuses", async () => {
    network.on('POST /api/v1/tenants', {
      status: 400,
      body: { status: 400, code: 'VALIDATION_ERROR', detail: 'The request has invalid fields', errors: [{ field: 'register.request.slug', message: 'must be lower-case letters, digits and hyphens' }] },
    });
    renderScreen(<Onboard stillProvisioning={() => true} />);

    fillIn('Not A Slug');

    expect(await screen.findByText('must be lower-case letters, digits and hyphens')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('The request has invalid fields');
    expect((within(form()).getByLabelText(m.slug) as HTMLInputElement).getAttribute('aria-invalid')).toBe('true');
    expect((within(form()).getByLabelText(m.slug) as HTMLInputElement).value).toBe('Not A Slug');
  });
});
