import type { Tenant } from '../api/types';

/** An organisation as tenant-admin lists it. */
export const tenant = (slug: string, more: Partial<Tenant> = {}): Tenant => ({
  id: 'id-' + slug,
  slug,
  name: slug[0].toUpperCase() + slug.slice(1) + ' Men',
  adminEmail: 'lead@' + slug + '.test',
  plan: 'standard',
  status: 'ACTIVE',
  failureReason: null,
  createdAt: '2026-11-02T09:30:00Z',
  updatedAt: '2026-11-02T09:30:00Z',
  activatedAt: '2026-11-02T09:30:05Z',
  smsNumber: null,
  ...more,
});

export const page = (items: Tenant[], more: { page?: number; size?: number; totalItems?: number } = {}) => ({
  items,
  page: more.page ?? 0,
  size: more.size ?? 20,
  totalItems: more.totalItems ?? items.length,
});
