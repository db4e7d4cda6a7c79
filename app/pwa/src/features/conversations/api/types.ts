import type { components } from '../../../api/schema';

type Schemas = components['schemas'];

/** The schema types of conversations, each named once here: the rest of the feature imports these names. */
export type Conversation = Schemas['Conversation'];
export type ConversationList = Schemas['ConversationList'];
export type Message = Schemas['Message'];
export type MessagePage = Schemas['MessagePage'];
export type ReadMarker = Schemas['ReadMarker'];
/** A man he has blocked: who, and since when. */
export type Block = Schemas['Block'];
export type BlockList = Schemas['BlockList'];
export type FoundMessage = Schemas['FoundMessage'];
/** A [start, end) range of a found message's text, in UTF-16 code units (as JavaScript indexes strings). */
export type Highlight = Schemas['Highlight'];
export type Announcement = Schemas['Announcement'];
export type AnnouncementComment = Schemas['AnnouncementComment'];
export type AnnouncementPage = Schemas['Paged_Announcements.Announcement_'];
export type AnnouncementRequest = Schemas['AnnouncementRequest'];
/** Whom an announcement is for: the whole organisation, the holders of one role, or one circle. */
export type Audience = Schemas['AnnouncementAudience'];
export type Role = Schemas['Role'];
/** A circle, as the form to post to one lists them. */
export type Circle = Schemas['CircleView'];
