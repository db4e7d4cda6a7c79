package io.hearth.notifications;

/**
 * What to tell some men: a kind, a title and a line, and the screen of the PWA it opens.
 *
 * @param source what it comes from, unique per man (a domain event's id and a suffix): told twice, it notifies once
 * @param direct addressed to him alone (a one-to-one message, a decision about him), for the {@link Level#DIRECT} level
 * @param link   a path of the PWA ({@code /events/…}); never a full URL, so it cannot point elsewhere
 */
public record Notice(NotificationKind kind, String source, boolean direct, String title, String body, String link) {

    public Notice {
        if (!link.startsWith("/") || link.startsWith("//")) {
            throw new IllegalArgumentException("a notification links to a path of the app, not " + link);
        }
    }
}
