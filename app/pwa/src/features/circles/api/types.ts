import type { components } from '../../../api/schema';

type Schemas = components['schemas'];

/** The schema types of circles, each named once here: the rest of the feature imports these names. */
export type CircleView = Schemas['CircleView'];
export type Member = Schemas['CircleMember'];
export type PaymentStatus = Schemas['PaymentStatus'];
/** A man's mark at a meeting: present, absent, excused. */
export type Mark = Schemas['AttendanceStatus'];
