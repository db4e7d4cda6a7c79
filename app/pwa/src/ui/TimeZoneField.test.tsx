import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TimeZoneField } from './TimeZoneField';

const field = (value: string, onChange = (_: string) => undefined, helperText?: string) =>
  render(<TimeZoneField label="Time zone" value={value} onChange={onChange} error={Boolean(helperText)} helperText={helperText} />);

describe('the time zone field', () => {
  afterEach(cleanup);

  it('shows the zone it starts from with its offset', () => {
    field('Europe/London');

    expect((screen.getByRole('combobox', { name: 'Time zone' }) as HTMLInputElement).value).toMatch(/^Europe\/London \(GMT/);
  });

  it('finds a zone by the words of its name and gives its IANA name', () => {
    const onChange = vi.fn();
    field('Europe/London', onChange);
    const input = screen.getByRole('combobox', { name: 'Time zone' });

    input.focus();
    fireEvent.change(input, { target: { value: 'new york' } });
    fireEvent.click(screen.getByRole('option', { name: /^America\/New York/ }));

    expect(onChange).toHaveBeenCalledWith('America/New_York');
  });

  it('keeps a zone the browser does not list', () => {
    field('Etc/GMT+5');

    expect((screen.getByRole('combobox', { name: 'Time zone' }) as HTMLInputElement).value).toMatch(/^Etc\/GMT\+5/);
  });

  it('shows the server\'s word on the zone under the field', () => {
    field('Europe/London', undefined, 'is not an IANA time zone');

    expect(screen.getByText('is not an IANA time zone')).toBeTruthy();
  });
});
