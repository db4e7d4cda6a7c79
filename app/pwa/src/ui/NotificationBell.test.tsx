import { cleanup, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { NotificationBell } from './NotificationBell';

const bell = (count: number, current = false) =>
  render(
    <MemoryRouter>
      <NotificationBell count={count} current={current} />
    </MemoryRouter>,
  );

describe('the bell in the app bar', () => {
  afterEach(cleanup);

  it('goes to the notification centre and says how many are unread in its name and in figures', () => {
    bell(3);

    const link = screen.getByRole('link', { name: 'Notifications, 3 unread' });
    expect(link.getAttribute('href')).toBe('/notifications');
    expect(link.textContent).toBe('3');
  });

  it('shows no count when everything is read', () => {
    bell(0);

    expect(screen.getByRole('link', { name: 'Notifications' })).toBeTruthy();
  });

  it('keeps the badge short past 99, and its name says what it shows', () => {
    bell(140);

    expect(screen.getByRole('link', { name: 'Notifications, 99+ unread' }).textContent).toBe('99+');
  });

  it('is marked current on the notification centre', () => {
    bell(1, true);

    expect(screen.getByRole('link', { name: 'Notifications, 1 unread' }).getAttribute('aria-current')).toBe('page');
  });
});
