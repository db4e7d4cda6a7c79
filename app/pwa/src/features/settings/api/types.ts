import type { components } from '../../../api/schema';

type Schemas = components['schemas'];

/** The schema types of the organisation's settings, each named once here: the rest of the feature imports these names. */
export type Settings = Schemas['OrganisationSettings'];
export type Role = Schemas['Role'];
