import type { components } from '../../../api/schema';

type Schemas = components['schemas'];

/** The schema types of conversations, each named once here: the rest of the feature imports these names. */
export type Conversation = Schemas['Conversation'];
export type ConversationList = Schemas['ConversationList'];
export type Message = Schemas['Message'];
export type MessagePage = Schemas['MessagePage'];
export type ReadMarker = Schemas['ReadMarker'];
export type FoundMessage = Schemas['FoundMessage'];
/** A [start, end) range of a found message's text, in UTF-16 code units (as JavaScript indexes strings). */
export type Highlight = Schemas['Highlight'];
