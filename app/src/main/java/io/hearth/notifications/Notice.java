package io.hearth.notifications;

import io.micronaut.core.annotation.Nullable;

import java.util.Locale;
import java.util.UUID;

/**
 * What to tell some men: a kind, a title and a line (said in each man's language), and the screen of the PWA it opens.
 *
 * @param source   what it comes from, unique per man (a domain event's id and a suffix): told twice, it notifies once
 * @param direct   addressed to him alone (a one-to-one message, a decision about him), for the {@link Level#DIRECT} level
 * @param link     a path of the PWA ({@code /events/…}); never a full URL, so it cannot point elsewhere
 * @param circleId the circle whose chat or announcement it is, for the men who muted that circle (absent: none)
 */
public record Notice(NotificationKind kind, String source, boolean direct, Text title, Text body, String link, @Nullable UUID circleId) {

    public Notice {
        if (!link.startsWith("/") || link.startsWith("//")) {
            throw new IllegalArgumentException("a notification links to a path of the app, not " + link);
        }
    }

    public Notice(NotificationKind kind, String source, boolean direct, Text title, Text body, String link) {
        this(kind, source, direct, title, body, link, null);
    }

    /** The same notice, of a circle's chat or announcements: a man who muted the circle has it in the app only. */
    public Notice ofCircle(@Nullable UUID circle) {
        return new Notice(kind, source, direct, title, body, link, circle);
    }

    /** Its title and line in his language. */
    public Said in(Locale locale) {
        return new Said(title.in(locale), body.in(locale), locale);
    }

    /** A notice as one man reads it. */
    public record Said(String title, String body, Locale locale) {
    }
}
