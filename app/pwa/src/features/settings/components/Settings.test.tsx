import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import SettingsScreen from './Settings';

/** The organisation's settings as the server keeps them, and each PUT body. */
const server = vi.hoisted(() => ({
  settings: {} as Record<string, unknown>,
  puts: [] as Record<string, unknown>[],
  downloads: [] as { path: string; filename: string }[],
}));

vi.mock('../../../api/client', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../api/client')>();
  const answer = (data: unknown) => Promise.resolve({ data: structuredClone(data), response: new Response(null, { status: 200 }) });
  return {
    ...real,
    download: (path: string, filename: string) => {
      server.downloads.push({ path, filename });
      return Promise.resolve();
    },
    api: {
      GET: () => answer(server.settings),
      PUT: (_: string, init: { body: Record<string, unknown> }) => {
        server.puts.push(init.body);
        const colour = init.body.brandColour;
        server.settings = { ...init.body, brandColour: colour === '' ? null : colour ?? server.settings.brandColour };
        return answer(server.settings);
      },
    },
  };
});

function open() {
  return render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } })}>
      <MemoryRouter initialEntries={['/admin/settings']}>
        <SettingsScreen />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

beforeEach(() => {
  server.settings = { registrationMode: 'APPROVAL', mfaRequiredRoles: [], apiRequestsPerMinute: 300, timeZone: 'Europe/London', brandColour: null, language: 'en' };
  server.puts = [];
});

afterEach(cleanup);

describe("the organisation's mail colour", () => {
  it("is Hearth's until one is chosen, and a chosen one is saved with the rest", async () => {
    open();
    const colour = (await screen.findByLabelText('Colour of your mail')) as HTMLInputElement;
    expect(colour.value).toBe('#7a3b12');
    expect(screen.getByText("Hearth's colour, until you choose your own")).toBeTruthy();

    fireEvent.change(colour, { target: { value: '#1d4ed8' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(server.puts).toHaveLength(1));
    expect(server.puts[0]).toMatchObject({ brandColour: '#1d4ed8', timeZone: 'Europe/London', apiRequestsPerMinute: 300 });
  });

  it("goes back to Hearth's colour by sending an empty one", async () => {
    server.settings.brandColour = '#1d4ed8';
    open();
    fireEvent.click(await screen.findByRole('button', { name: "Use Hearth's colour" }));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(server.puts).toHaveLength(1));
    expect(server.puts[0].brandColour).toBe('');
    await waitFor(() => expect(screen.getByText("Hearth's colour, until you choose your own")).toBeTruthy());
  });
});

describe("the organisation's language", () => {
  it('is English until one is chosen, and a chosen one is saved with the rest', async () => {
    open();
    const language = await screen.findByRole('combobox', { name: 'Language of mail and notifications' });
    expect(language.textContent).toBe('English');

    fireEvent.mouseDown(language);
    fireEvent.click(await screen.findByRole('option', { name: 'Deutsch' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(server.puts).toHaveLength(1));
    expect(server.puts[0]).toMatchObject({ language: 'de', timeZone: 'Europe/London', brandColour: null });
  });
});

describe("the organisation's own export", () => {
  it("downloads everything the organisation keeps from the admin's settings", async () => {
    server.downloads.length = 0;
    open();

    fireEvent.click(await screen.findByRole('button', { name: 'Download all our data' }));

    await waitFor(() => expect(server.downloads).toEqual([{ path: '/api/v1/organisation/export', filename: 'organisation-export.zip' }]));
  });
});
