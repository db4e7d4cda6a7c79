import type { components } from '../../../api/schema';

type Schemas = components['schemas'];

/** The schema types of member imports, each named once here: the rest of the feature imports these names. */
export type MemberImport = Schemas['MemberImport'];
export type ImportRow = Schemas['MemberImportRow'];
export type ImportCounts = Schemas['MemberImportCounts'];
export type ImportProgress = Schemas['MemberImportProgress'];
export type ImportStatus = Schemas['ImportStatus'];
export type RowAction = Schemas['ImportRowAction'];
export type SkipReason = Schemas['ImportSkipReason'];
