/**
 * Every query key of the console, from one factory. Invalidating `tenants` reaches every page of the list of
 * organisations, whatever its search.
 */
export const consoleKeys = {
  tenants: ['tenants'] as const,
  /** A page of the organisations, searched by slug or name and filtered by status. */
  tenantPage: (q: string, status: string, page: number) => [...consoleKeys.tenants, q, status, page] as const,
  /** Each organisation's Stripe account, as billing knows it. */
  stripe: () => ['billing', 'stripe'] as const,
  /** The platform's fees per organisation and month. */
  revenue: () => ['billing', 'revenue'] as const,
  plans: ['plans'] as const,
  /** The database clusters app holds organisations on. */
  clusters: () => ['clusters'] as const,
  /** One organisation with its data's figures, and its backups. */
  tenant: (slug: string) => [...consoleKeys.tenants, 'one', slug] as const,
  backups: (slug: string) => [...consoleKeys.tenants, 'backups', slug] as const,
  /** The operators' sign-in audit. */
  audit: () => ['operators', 'audit'] as const,
};
