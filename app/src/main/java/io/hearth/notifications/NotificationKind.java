package io.hearth.notifications;

import io.swagger.v3.oas.annotations.media.Schema;

import java.util.EnumMap;
import java.util.Map;

/**
 * The kinds of notification, each with its default level per channel (an organisation's men start from these). The
 * {@code safety} kind must reach: it cannot be turned off and breaks through quiet hours.
 */
@Schema(name = "NotificationKind")
public enum NotificationKind {
    MESSAGE(Level.ALL, Level.DIGEST, Level.OFF, Level.DIRECT),
    ANNOUNCEMENT(Level.ALL, Level.ALL, Level.OFF, Level.ALL),
    JOIN_REQUEST(Level.ALL, Level.ALL, Level.OFF, Level.ALL),
    JOIN_DECIDED(Level.ALL, Level.ALL, Level.OFF, Level.ALL),
    TRANSFER(Level.ALL, Level.ALL, Level.OFF, Level.ALL),
    MEETING_CHANGED(Level.ALL, Level.ALL, Level.OFF, Level.ALL),
    ABSENCE_STREAK(Level.ALL, Level.ALL, Level.OFF, Level.ALL),
    SEAT_OFFERED(Level.ALL, Level.ALL, Level.OFF, Level.ALL),
    REGISTRATION_CONFIRMED(Level.ALL, Level.ALL, Level.OFF, Level.OFF),
    EVENT_CHANGED(Level.ALL, Level.ALL, Level.OFF, Level.ALL),
    CARE_TEAM(Level.ALL, Level.ALL, Level.OFF, Level.ALL),
    PAYMENT_RECEIVED(Level.ALL, Level.ALL, Level.OFF, Level.OFF),
    PAYMENT_FAILED(Level.ALL, Level.ALL, Level.OFF, Level.ALL),
    REFUND(Level.ALL, Level.ALL, Level.OFF, Level.OFF),
    ROLE_CHANGED(Level.ALL, Level.ALL, Level.OFF, Level.OFF),
    POLL(Level.ALL, Level.ALL, Level.OFF, Level.ALL),
    /** The help desk: his ticket answered (the answer itself comes as a mail he can reply to), or a ticket for support. */
    TICKET(Level.ALL, Level.OFF, Level.OFF, Level.ALL),
    /** A friend he brought answered an invitation, or has not: a word from him may help. */
    OUTREACH(Level.ALL, Level.ALL, Level.OFF, Level.ALL),
    /** His account itself: his address bounced and must be confirmed again. */
    ACCOUNT(Level.ALL, Level.OFF, Level.OFF, Level.ALL),
    SAFETY(Level.ALL, Level.ALL, Level.ALL, Level.ALL);

    private final Map<Channel, Level> defaults = new EnumMap<>(Channel.class);

    NotificationKind(Level inApp, Level email, Level sms, Level push) {
        defaults.put(Channel.IN_APP, inApp);
        defaults.put(Channel.EMAIL, email);
        defaults.put(Channel.SMS, sms);
        defaults.put(Channel.PUSH, push);
    }

    public Level defaultLevel(Channel channel) {
        return defaults.get(channel);
    }

    /** Must reach: never off, breaks through quiet hours. */
    public boolean safety() {
        return this == SAFETY;
    }

    /** Whether a man may choose this level for this kind on this channel: a digest is a mail; safety cannot be silenced. */
    public boolean allows(Channel channel, Level level) {
        if (level == Level.DIGEST && channel != Channel.EMAIL) {
            return false;
        }
        return !safety() || level == Level.ALL;
    }
}
