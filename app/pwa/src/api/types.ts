import type { components, paths } from './schema';

/**
 * The schema types shared code uses, each named once (the generated names follow the server's classes and may change:
 * only this file and the features' api/types.ts say them). Features name their own in features/<feature>/api/types.ts.
 */
export type Me = components['schemas']['MeResponse'];

/** The JSON body an operation takes, read from its path and method (so it follows the contract whatever its schema is called). */
export type RequestBody<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

/** The query parameters an operation takes, read from its path and method. */
export type RequestQuery<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;
