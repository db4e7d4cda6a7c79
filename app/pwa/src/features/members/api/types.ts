import type { components } from '../../../api/schema';

type Schemas = components['schemas'];

/** The schema types of members (people and their roles), each named once here: the rest of the feature imports these names. */
export type Person = Schemas['PersonView'];
export type Role = Schemas['Role'];
export type PersonStatus = Schemas['PersonStatus'];
