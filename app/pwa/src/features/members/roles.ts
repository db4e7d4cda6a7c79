import type { Role } from './api/types';

/** Every role an admin grants, in the order the screens list them. */
export const ROLES: Role[] = ['MEMBER', 'FACILITATOR', 'PTM', 'ADMIN', 'LEADERSHIP', 'SUPPORT', 'CARE'];
