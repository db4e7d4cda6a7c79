package io.hearth.conversations;

import io.swagger.v3.oas.annotations.media.Schema;

/** Whom an announcement is for: the whole organisation, the holders of one role, or one circle. */
@Schema(name = "AnnouncementAudience")
public enum Audience {
    ORGANISATION,
    ROLE,
    CIRCLE
}
