import type { components } from '../../../api/schema';

type Schemas = components['schemas'];

/** The schema types of payments, each named once here: the rest of the feature imports these names. */
export type Payment = Schemas['PaymentView'];
/** A payment that needs a person (a failed instalment, a refund to make by hand…), with what can be done about it. */
export type Intervention = Schemas['Intervention'];
