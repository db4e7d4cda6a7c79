package io.hearth.notifications;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * How much of a kind of notification a man wants on a channel: every one, only those addressed to him (a one-to-one
 * message, something about him alone), gathered into his digest mail, or none.
 */
@Schema(name = "NotificationLevel")
public enum Level {
    ALL,
    DIRECT,
    DIGEST,
    OFF;

    /** Whether a notification sent now reaches him on this level (a digest gathers it for later). */
    public boolean sendsNow(boolean direct) {
        return this == ALL || (this == DIRECT && direct);
    }
}
