import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import axe from 'axe-core';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Problem } from '../../../api/problem';
import type { Preview, SsoRequest, SsoSettings } from '../api/types';
import { aPerson, aPreviewMan, saved } from '../fixtures';
import SsoScreen from './SsoSettings';

/** Who he is, the provider as the server keeps it, what each request answers next, and what was sent. */
const server = vi.hoisted(() => ({
  permissions: [] as string[],
  settings: null as unknown as SsoSettings,
  refuse: null as Problem | null,
  preview: { men: [] } as Preview,
  test: null as Problem | null,
  sent: [] as { method: string; path: string; body?: unknown }[],
}));

vi.mock('../../../auth', () => ({ useAuth: () => ({ can: (p: string) => server.permissions.includes(p) }) }));

vi.mock('../../../api/client', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../api/client')>();
  const answer = (data: unknown) => Promise.resolve({ data: structuredClone(data), response: new Response(null, { status: 200 }) });
  const refuse = (problem: Problem) => Promise.resolve({ error: problem, response: new Response(null, { status: problem.status }) });
  return {
    ...real,
    api: {
      GET: (path: string) => {
        if (path === '/api/v1/members') {
          return answer({ items: [aPerson('ann', 'Ann', 'Admin'), aPerson('bob', 'Bob', 'Boss')] });
        }
        server.sent.push({ method: 'GET', path });
        return answer(server.settings);
      },
      POST: (path: string, init?: { body?: unknown }) => {
        server.sent.push({ method: 'POST', path, ...(init?.body === undefined ? {} : { body: init.body }) });
        if (path.endsWith('/test')) {
          return server.test ? refuse(server.test) : answer({ issuer: server.settings.issuer, authorizationEndpoint: 'https://login.acme.org/authorize' });
        }
        return server.refuse ? refuse(server.refuse) : answer(server.preview);
      },
      PUT: (path: string, init: { body: SsoRequest }) => {
        server.sent.push({ method: 'PUT', path, body: init.body });
        if (server.refuse) {
          return refuse(server.refuse);
        }
        const { clientSecret, ...kept } = init.body;
        server.settings = { ...server.settings, ...(kept as Partial<SsoSettings>), clientSecretSet: server.settings.clientSecretSet || Boolean(clientSecret), updatedAt: '2027-03-02T10:00:00Z' };
        return answer(server.settings);
      },
    },
  };
});

// axe asks a canvas whether text is an icon font; jsdom has none to give.
beforeAll(() => void vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null));

beforeEach(() => {
  server.permissions = ['organisation.manage', 'members.view'];
  server.settings = saved();
  server.refuse = null;
  server.preview = { men: [] };
  server.test = null;
  server.sent = [];
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function open() {
  return render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } })}>
      <MemoryRouter initialEntries={['/admin/sso']}>
        <SsoScreen />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

const field = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
const type = (label: string, value: string) => fireEvent.change(field(label), { target: { value } });
const puts = () => server.sent.filter((request) => request.method === 'PUT');
const save = () => fireEvent.click(screen.getByRole('button', { name: 'Save' }));

describe('single sign-on for admins', () => {
  it('shows the provider as saved: the secret only as stored, the redirect URI to register, the domains one per line, the break-glass admin', async () => {
    open();

    expect((await screen.findByLabelText('Issuer', { exact: false }) as HTMLInputElement).value).toBe('https://login.acme.org');
    expect(field('Client ID').value).toBe('hearth');
    expect(field('Client secret').value).toBe('');
    expect(screen.getByText('A secret is stored; type a new one to replace it')).toBeTruthy();
    expect(field('Redirect URI').value).toBe('https://demo.hearth.example/api/v1/auth/sso/callback');
    expect(field('Redirect URI').readOnly).toBe(true);
    expect(field('Domains').value).toBe('acme.org\nacme.co.uk');
    expect((screen.getByRole('switch', { name: /^On/ }) as HTMLInputElement).checked).toBe(true);
    await waitFor(() => expect((screen.getByRole('combobox', { name: 'Admin' }) as HTMLSelectElement).value).toBe('ann'));
    expect(screen.getByText("He keeps signing in with his password even when his address's domain goes to the provider.")).toBeTruthy();
    expect(within(screen.getByRole('group', { name: 'Mapping 1' })).getByLabelText('Group', { exact: false })).toHaveProperty('value', 'hearth-admins');
  });

  it('says when no secret is stored yet', async () => {
    server.settings = saved({ clientSecretSet: false });
    open();

    expect(await screen.findByText('The secret the provider gave Hearth when you registered it there.')).toBeTruthy();
    expect(screen.queryByText('A secret is stored; type a new one to replace it')).toBeNull();
  });

  it('saves what the form holds, leaving the secret out when none was typed so that the stored one stays', async () => {
    open();
    await screen.findByLabelText('Issuer', { exact: false });

    type('Domains', 'acme.org\nacme.co.uk, acme.de\n');
    fireEvent.click(screen.getByRole('button', { name: 'Add a mapping' }));
    const added = within(screen.getByRole('group', { name: 'Mapping 2' }));
    fireEvent.change(added.getByLabelText('Group', { exact: false }), { target: { value: ' hearth-facilitators ' } });
    fireEvent.change(added.getByRole('combobox', { name: 'Role' }), { target: { value: 'FACILITATOR' } });
    await waitFor(() => expect(screen.getByRole('option', { name: 'Bob Boss (bob@demo.localhost)' })).toBeTruthy());
    fireEvent.change(screen.getByRole('combobox', { name: 'Admin' }), { target: { value: 'bob' } });
    save();

    expect(await screen.findByText('Saved.')).toBeTruthy();
    expect(puts()).toEqual([{
      method: 'PUT', path: '/api/v1/organisation/sso',
      body: {
        enabled: true, issuer: 'https://login.acme.org', clientId: 'hearth', domains: ['acme.org', 'acme.co.uk', 'acme.de'], groupsClaim: 'groups',
        roleMappings: [{ group: 'hearth-admins', role: 'ADMIN' }, { group: 'hearth-facilitators', role: 'FACILITATOR' }], breakGlassAdminId: 'bob',
      },
    }]);
    expect(puts()[0].body).not.toHaveProperty('clientSecret');
  });

  it('sends a secret he typed, and shows it stored, not typed, once saved', async () => {
    server.settings = saved({ clientSecretSet: false });
    open();
    await screen.findByLabelText('Issuer', { exact: false });

    type('Client secret', 's3cret value');
    save();

    expect(await screen.findByText('Saved.')).toBeTruthy();
    expect(puts()[0].body).toMatchObject({ clientSecret: 's3cret value' });
    expect(field('Client secret').value).toBe('');
    expect(screen.getByText('A secret is stored; type a new one to replace it')).toBeTruthy();
  });

  it('sends empty issuer and client as null, and turns it off', async () => {
    open();
    await screen.findByLabelText('Issuer', { exact: false });

    fireEvent.click(screen.getByRole('switch', { name: /^On/ }));
    type('Issuer', '  ');
    type('Client ID', '');
    save();

    await waitFor(() => expect(puts()).toHaveLength(1));
    expect(puts()[0].body).toMatchObject({ enabled: false, issuer: null, clientId: null, breakGlassAdminId: 'ann' });
  });

  it('leaves the break-glass admin open until one is saved, which makes the admin turning it on the one (null sent)', async () => {
    server.settings = saved({ breakGlassAdminId: null });
    open();
    await screen.findByLabelText('Issuer', { exact: false });
    const admin = screen.getByRole('combobox', { name: 'Admin' }) as HTMLSelectElement;

    await waitFor(() => expect(admin.disabled).toBe(false));
    expect(admin.value).toBe('');
    expect(within(admin).getAllByRole('option').map((option) => option.textContent)).toEqual([
      'Not chosen: turning single sign-on on makes it you', 'Ann Admin (ann@demo.localhost)', 'Bob Boss (bob@demo.localhost)',
    ]);
    save();

    await waitFor(() => expect(puts()).toHaveLength(1));
    expect(puts()[0].body).toMatchObject({ breakGlassAdminId: null });
  });

  it('offers no empty choice once a break-glass admin is saved, for the server keeps him', async () => {
    open();
    await screen.findByLabelText('Issuer', { exact: false });

    await waitFor(() => expect(screen.getByRole('option', { name: 'Ann Admin (ann@demo.localhost)' })).toBeTruthy());
    expect(screen.queryByRole('option', { name: 'Not chosen: turning single sign-on on makes it you' })).toBeNull();
  });

  it("shows the server's refusal beside each field it names, a domain by its name", async () => {
    server.refuse = {
      status: 422, code: 'VALIDATION_ERROR', detail: 'The request is not valid',
      errors: [
        { field: 'issuer', message: 'is an https:// address (http only on localhost)' },
        { field: 'domains', message: "'acme' is not a domain name (like example.org)" },
        { field: 'roleMappings', message: 'each mapping needs a group (at most 200 characters) and a role' },
        { field: 'breakGlassAdminId', message: 'is not an active admin with a password' },
      ],
    };
    open();
    await screen.findByLabelText('Issuer', { exact: false });

    type('Issuer', 'http://login.acme.org');
    type('Domains', 'acme.org\nacme');
    save();

    expect(await screen.findByText('is an https:// address (http only on localhost)')).toBeTruthy();
    expect(screen.getByText("'acme' is not a domain name (like example.org)")).toBeTruthy();
    expect(screen.getByText('each mapping needs a group (at most 200 characters) and a role')).toBeTruthy();
    expect(screen.getByText('is not an active admin with a password')).toBeTruthy();
    expect(field('Issuer').getAttribute('aria-invalid')).toBe('true');
    expect(field('Domains').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('alert').textContent).toContain('The request is not valid');
  });

  it('previews what the mappings on screen would change for each man before saving', async () => {
    server.preview = {
      men: [
        aPreviewMan({ personId: 'p1', name: 'Mike Member', email: 'mike@acme.org', groups: ['staff'] }),
        aPreviewMan({ personId: 'p2', name: 'Fred Facilitator', email: 'fred@acme.org', groups: ['hearth-facilitators', 'staff'], gains: ['FACILITATOR'], loses: ['ADMIN', 'SUPPORT'] }),
      ],
    };
    open();
    await screen.findByLabelText('Issuer', { exact: false });
    type('Groups claim', 'roles');

    fireEvent.click(screen.getByRole('button', { name: 'Preview' }));

    const preview = within(await screen.findByRole('region', { name: 'At their next sign-in' }));
    expect(server.sent.at(-1)).toEqual({ method: 'POST', path: '/api/v1/organisation/sso/preview', body: { groupsClaim: 'roles', roleMappings: [{ group: 'hearth-admins', role: 'ADMIN' }] } });
    expect(preview.getByText('1 of 2 would change.')).toBeTruthy();
    const men = preview.getAllByRole('listitem');
    expect(men.map((man) => man.getAttribute('aria-label'))).toEqual(['Fred Facilitator', 'Mike Member']);
    expect(within(men[0]).getByText('Gains: Facilitator')).toBeTruthy();
    expect(within(men[0]).getByText('Loses: Admin, Support')).toBeTruthy();
    expect(within(men[0]).getByText('Groups: hearth-facilitators, staff')).toBeTruthy();
    expect(within(men[1]).getByText('No change')).toBeTruthy();
    expect(puts()).toEqual([]);
  });

  it('takes a preview away once the mappings change, for it no longer says what they would do', async () => {
    open();
    await screen.findByLabelText('Issuer', { exact: false });
    fireEvent.click(screen.getByRole('button', { name: 'Preview' }));
    expect(await screen.findByText('No one has signed in through the provider yet.')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Remove mapping 1' }));

    expect(screen.queryByText('No one has signed in through the provider yet.')).toBeNull();
    expect(screen.getByText('No mappings yet.')).toBeTruthy();
  });

  it('tests the saved provider and says where men will sign in', async () => {
    open();
    await screen.findByLabelText('Issuer', { exact: false });

    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));

    expect(await screen.findByText('https://login.acme.org answers: men sign in at https://login.acme.org/authorize.')).toBeTruthy();
    expect(server.sent.at(-1)).toEqual({ method: 'POST', path: '/api/v1/organisation/sso/test' });
  });

  it('says why the saved provider cannot be used', async () => {
    server.test = { status: 422, code: 'SSO_PROVIDER_UNUSABLE', detail: 'https://login.acme.org/.well-known/openid-configuration answered 404' };
    open();
    await screen.findByLabelText('Issuer', { exact: false });

    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));

    expect((await screen.findByRole('alert')).textContent).toBe('The provider cannot be used: https://login.acme.org/.well-known/openid-configuration answered 404');
  });

  it('copies the redirect URI for the provider', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    open();
    await screen.findByLabelText('Issuer', { exact: false });

    fireEvent.click(screen.getByRole('button', { name: 'Copy the redirect URI' }));

    expect(await screen.findByText("Copied: register it at the provider as Hearth's redirect URI.")).toBeTruthy();
    expect(writeText).toHaveBeenCalledWith('https://demo.hearth.example/api/v1/auth/sso/callback');
  });

  it('is for admins alone', () => {
    server.permissions = ['members.manage'];
    open();

    expect(screen.getByText('Only admins set up single sign-on.')).toBeTruthy();
    expect(server.sent).toEqual([]);
  });

  it('has nothing axe finds wrong', async () => {
    server.preview = { men: [aPreviewMan({ gains: ['ADMIN'] })] };
    const { container } = open();
    await screen.findByLabelText('Issuer', { exact: false });
    fireEvent.click(screen.getByRole('button', { name: 'Preview' }));
    await screen.findByRole('region', { name: 'At their next sign-in' });

    const found = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });

    expect(found.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.html).join(' | '))).toEqual([]);
  });
});
