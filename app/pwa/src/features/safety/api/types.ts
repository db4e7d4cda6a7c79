import type { components } from '../../../api/schema';

type Schemas = components['schemas'];

// The schema types of Reach out and must-reach messages, each named once here: the rest of the feature imports these names.

/** The crisis lines of his organisation's country: its own list (`custom`), or Hearth's default with a `note` to check it. */
export type CrisisLines = Schemas['CrisisLines'];
export type CrisisLine = Schemas['CrisisLine'];
/** A reach-out as he and those it went to see it: whom it was sent to (`alerted`) and who took it (`takenBy`). */
export type ReachOut = Schemas['ReachOut'];
export type ReachOutPerson = Schemas['ReachOutPerson'];
export type ReachOutResult = Schemas['ReachOutResult'];
export type ReachOutList = Schemas['ReachOutList'];
/** A must-reach message and how far each man was reached. */
export type SafetyMessage = Schemas['SafetyMessage'];
export type SafetyMessageRequest = Schemas['SafetyMessageRequest'];
/** One man of a must-reach message: the channels it went out on (`app`, `push`, `sms`, `email`), when he read it and answered. */
export type Reached = Schemas['Reached'];
