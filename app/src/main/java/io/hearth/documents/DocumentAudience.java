package io.hearth.documents;

import io.swagger.v3.oas.annotations.media.Schema;

/** Whom a document is for: everyone in the organisation, a circle's men, or an event's participants and staff. */
@Schema(name = "DocumentAudience")
public enum DocumentAudience {
    ORGANISATION, CIRCLE, EVENT
}
