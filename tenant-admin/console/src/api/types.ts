import type { components, paths } from '../schema';

type Schemas = components['schemas'];

/** The schema types the console uses, each named once here (the generated names follow the server's classes and may change). */
export type Tenant = Schemas['Tenant'];
export type TenantStatus = Schemas['TenantStatus'];
/** A new secret for his authenticator, when he has none yet. */
export type Enrolment = Schemas['Enrolment'];
export type AuditEntry = Schemas['OperatorAuditEntry'];
/** A backup of one organisation's data, and where it stands. */
export type Backup = Schemas['Backup'];
/** A database cluster and how many organisations it holds. */
export type Cluster = Schemas['Cluster'];

/** The JSON body an operation takes, read from its path and method. */
export type RequestBody<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;
