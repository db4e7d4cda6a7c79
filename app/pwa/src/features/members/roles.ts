import type { Role } from './api/types';

/** Every role an admin grants, in the order the screens list them (a role the server adds fails tsc here). */
export const ROLES = Object.keys({ MEMBER: 1, FACILITATOR: 1, PTM: 1, ADMIN: 1, LEADERSHIP: 1, SUPPORT: 1, CARE: 1 } satisfies Record<Role, 1>) as Role[];
