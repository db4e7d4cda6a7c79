import type { Schemas } from '../../data';

export type Person = Schemas['PersonView'];
export type Role = Schemas['Role'];

/** Every role an admin grants, in the order the screens list them. */
export const ROLES: Role[] = ['MEMBER', 'FACILITATOR', 'PTM', 'ADMIN', 'LEADERSHIP', 'SUPPORT'];
