import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NavMenu } from './Shell';

const menu = (permissions: string[], path = '/', onSignOut = () => undefined, badges: Record<string, number> = {}) =>
  render(
    <MemoryRouter initialEntries={[path]}>
      <NavMenu permissions={permissions} path={path} badges={badges} onSignOut={onSignOut} />
    </MemoryRouter>,
  );

const links = () => within(screen.getByRole('navigation', { name: 'Menu' })).getAllByRole('link').map((link) => link.textContent);

describe('the menu on screen', () => {
  afterEach(cleanup);

  it("shows a member his screens and none of an admin's", () => {
    menu(['circles.join', 'events.register']);

    expect(links()).toEqual(['Home', 'Reach out', 'Chats', 'Announcements', 'Polls', 'Documents', 'My circle', 'Circles to join', 'Events', 'My registrations', 'My payments', 'Bring a friend', 'Profile and privacy', 'Notification settings', 'Help']);
  });

  it('shows a count beside an entry in figures and, for screen readers, in words', () => {
    menu(['circles.join'], '/', () => undefined, { '/chats': 3 });

    expect(screen.getByRole('link', { name: 'Chats 3 new' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Home' })).toBeTruthy();
  });

  it('shows no count where there is nothing new', () => {
    menu(['circles.join'], '/', () => undefined, { '/chats': 0 });

    expect(screen.getByRole('link', { name: 'Chats' })).toBeTruthy();
  });

  it('shows a facilitator who is also production team both sets of screens', () => {
    menu(['circles.join', 'events.register', 'circles.create', 'circles.manage', 'events.staff', 'events.manage']);

    expect(links()).toEqual(expect.arrayContaining(['Facilitate', 'Events I run']));
    expect(links()).not.toContain('Members');
  });

  it('marks the current screen for screen readers', () => {
    menu(['circles.join'], '/circles');

    expect(screen.getByRole('link', { name: 'Circles to join' }).getAttribute('aria-current')).toBe('page');
    expect(screen.getByRole('link', { name: 'Home' }).getAttribute('aria-current')).toBeNull();
  });

  it('signs out from the menu', () => {
    const signOut = vi.fn();
    menu([], '/', signOut);

    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));

    expect(signOut).toHaveBeenCalledOnce();
  });
});
