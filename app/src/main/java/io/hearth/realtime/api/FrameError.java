package io.hearth.realtime.api;

/** The codes of {@code error} frames (stable: clients act on them). */
enum FrameError {
    /** The frame is not a JSON object. */
    FRAME_NOT_JSON,
    /** The frame is larger than 8 KiB. */
    FRAME_TOO_LARGE,
    /** The frame's {@code type} is not one the server takes. */
    FRAME_UNKNOWN_TYPE,
    /** A field is missing or wrong, or the frame holds a NUL character. */
    FRAME_INVALID,
    /** Sign in first: send {@code auth} with an access token. */
    NOT_SIGNED_IN,
    /** More frames than the socket takes (20 at once, then 5 a second). */
    RATE_LIMITED,
    /** The conversation is not his to follow or to type in (or no longer). */
    CONVERSATION_NOT_ALLOWED
}
