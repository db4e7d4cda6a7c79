/**
 * Every query key of single sign-on. `settings` is the organisation's provider as the server keeps it; `admins` who may
 * be its break-glass admin. Preview and the connection test are asked, not kept.
 */
export const ssoKeys = {
  all: ['sso'] as const,
  settings: () => [...ssoKeys.all, 'settings'] as const,
  admins: () => [...ssoKeys.all, 'admins'] as const,
};
