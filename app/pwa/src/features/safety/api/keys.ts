/** Every query key of Reach out and must-reach messages. */
export const safetyKeys = {
  all: ['safety'] as const,
  /** His organisation's crisis lines (also kept on the device: see ./crisisLines). */
  lines: () => [...safetyKeys.all, 'crisis-lines'] as const,
  reachOuts: () => [...safetyKeys.all, 'reach-outs'] as const,
  /** The reach-outs he made or was alerted to, newest first. */
  reachOutList: () => [...safetyKeys.reachOuts(), 'list'] as const,
  reachOut: (id: string) => [...safetyKeys.reachOuts(), id] as const,
  /** A must-reach message he sent, with who was reached. */
  message: (id: string) => [...safetyKeys.all, 'messages', id] as const,
};
