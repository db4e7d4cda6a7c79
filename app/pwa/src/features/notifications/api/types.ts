import type { components } from '../../../api/schema';

type Schemas = components['schemas'];

/** The schema types of notifications, each named once here: the rest of the feature imports these names. */
export type Notification = Schemas['Notification'];
export type NotificationPage = Schemas['NotificationPage'];
export type UnreadCount = Schemas['UnreadCount'];
export type NotificationKind = Schemas['NotificationKind'];
/** How much of a kind he wants on a channel: ALL, DIRECT, DIGEST (mail only) or OFF. */
export type NotificationLevel = Schemas['NotificationLevel'];
export type Channel = Schemas['Channel'];
/** His level per kind and channel, and which channels he has proved are his. */
export type NotificationPreferences = Schemas['NotificationPreferences'];
export type NotificationSetting = Schemas['NotificationSetting'];
export type NotificationChannel = Schemas['NotificationChannel'];
/** `from` and `to` as HH:mm (both absent: none) in `timeZone`. */
export type QuietHours = Schemas['QuietHours'];
/** Quiet hours to set: both times absent clears them. */
export type QuietHoursRequest = Schemas['QuietHoursRequest'];
/** How often his digest mail comes: every day, or on Mondays, at 07:00 on his clock. */
export type DigestFrequency = Schemas['DigestFrequency'];
/** His digest's frequency and the zone of its hour. */
export type NotificationSchedule = Schemas['NotificationSchedule'];
export type NotificationScheduleRequest = Schemas['NotificationScheduleRequest'];
/** A device of his that allows notifications, as he sees it (never its keys). */
export type PushDevice = Schemas['PushDevice'];
/** A circle he muted: its chat and announcements reach him in the app only. */
export type MutedCircle = Schemas['MutedCircle'];
export type MutedCircles = Schemas['MutedCircles'];
/** The organisation's level per kind and channel, for men who never chose. */
export type NotificationDefaults = Schemas['NotificationDefaults'];
