import type { components } from '../../../api/schema';

type Schemas = components['schemas'];

/** The schema types of documents, each named once here: the rest of the feature imports these names. */
export type Document = Schemas['Document'];
export type DocumentList = Schemas['DocumentList'];
export type DocumentKind = Schemas['DocumentKind'];
export type DocumentAudience = Schemas['DocumentAudience'];
