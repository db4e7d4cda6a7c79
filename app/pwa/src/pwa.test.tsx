import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

const registered = vi.hoisted(() => ({ onNeedRefresh: undefined as undefined | (() => void), update: vi.fn(async () => undefined) }));

vi.mock('virtual:pwa-register', () => ({
  registerSW: (options: { onNeedRefresh?: () => void }) => {
    registered.onNeedRefresh = options.onNeedRefresh;
    return registered.update;
  },
}));

describe('a new version of the app', () => {
  afterEach(cleanup);

  it('waits for the person to choose to update, then activates and reloads', async () => {
    Object.defineProperty(navigator, 'serviceWorker', { value: {}, configurable: true });
    const { startServiceWorker, useUpdatePrompt } = await import('./pwa');
    startServiceWorker();
    function Shown() {
      const update = useUpdatePrompt();
      return update.waiting ? <button onClick={update.apply}>Update</button> : <p>up to date</p>;
    }
    render(<Shown />);
    expect(screen.getByText('up to date')).toBeTruthy();

    act(() => registered.onNeedRefresh?.());
    fireEvent.click(screen.getByRole('button', { name: 'Update' }));

    expect(registered.update).toHaveBeenCalledWith(true);
  });
});

