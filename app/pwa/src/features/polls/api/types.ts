import type { components } from '../../../api/schema';

type Schemas = components['schemas'];

/** The schema types of polls, each named once here: the rest of the feature imports these names. */
export type Poll = Schemas['Poll'];
export type PollOption = Schemas['PollOption'];
export type PollPage = Schemas['Paged_Polls.Poll_'];
export type PollRequest = Schemas['PollRequest'];
/** A man's answer to one slot of a meeting-time poll. */
export type Availability = Schemas['Availability'];
export type PollKind = Schemas['PollKind'];
export type PollStatus = Schemas['PollStatus'];
export type Clash = Schemas['PollClash'];
/** The circle a new poll asks, as the form needs it: its name, facilitators and schedule's zone. */
export type Circle = Schemas['CircleView'];
/** One of the circle's coming meetings, which a meeting-time poll may find a new time for. */
export type Occurrence = Schemas['MeetingOccurrence'];
