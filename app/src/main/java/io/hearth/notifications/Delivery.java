package io.hearth.notifications;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.Map;

/**
 * Where one notification goes for one man, now: a pure function of its kind, whether it is addressed to him, his
 * levels per channel, what he has proved is his, and his quiet hours. Inside quiet hours nothing but the safety class
 * is pushed or texted: what would have been is held, and goes out as one summary when they end. A safety
 * notification goes in the app and by push at once whatever he chose; its text and mail come later, from its ladder.
 *
 * @param inApp   shown in his notification centre
 * @param email   mailed now
 * @param digest  kept for his digest mail
 * @param push    pushed now to his devices
 * @param text    texted now
 * @param heldPush a push held back by his quiet hours
 * @param heldText a text held back by his quiet hours
 */
public record Delivery(boolean inApp, boolean email, boolean digest, boolean push, boolean text, boolean heldPush, boolean heldText) {

    /** What he has proved is his: a verified address, a verified phone, a subscribed device. */
    public record Reachable(boolean email, boolean phone, boolean device) {
    }

    public static Delivery of(NotificationKind kind, boolean direct, Map<Channel, Level> levels, Reachable reachable,
                              @Nullable QuietHours quietHours, Instant at) {
        if (kind.safety()) {
            return new Delivery(true, false, false, reachable.device(), false, false, false);
        }
        boolean quiet = quietHours != null && quietHours.covers(at);
        boolean inApp = levels.get(Channel.IN_APP).sendsNow(direct);
        boolean email = reachable.email() && levels.get(Channel.EMAIL).sendsNow(direct);
        boolean digest = reachable.email() && levels.get(Channel.EMAIL) == Level.DIGEST;
        boolean push = reachable.device() && levels.get(Channel.PUSH).sendsNow(direct);
        boolean text = reachable.phone() && levels.get(Channel.SMS).sendsNow(direct);
        return new Delivery(inApp, email, digest, push && !quiet, text && !quiet, push && quiet, text && quiet);
    }
}
