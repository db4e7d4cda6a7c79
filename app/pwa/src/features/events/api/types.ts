import type { components } from '../../../api/schema';

type Schemas = components['schemas'];

/** The schema types of events (gatherings), each named once here: the rest of the feature imports these names. */
export type EventView = Schemas['EventView'];
export type EventRequest = Schemas['EventRequest'];
export type Question = Schemas['QuestionRequest'];
export type Registration = Schemas['RegistrationView'];
export type Sensitive = Schemas['SensitiveDetails'];
export type RosterEntry = Schemas['RosterEntry'];
export type CheckedIn = Schemas['CheckedIn'];
export type StaffMember = Schemas['StaffMember'];
export type CareTeams = Schemas['TeamsView'];
