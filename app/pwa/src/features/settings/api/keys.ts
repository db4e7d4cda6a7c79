/** The settings feature's query keys: the organisation's settings, as an admin changes them. */
export const settingsKeys = {
  all: ['settings'] as const,
};
