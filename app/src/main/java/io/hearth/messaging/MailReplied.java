package io.hearth.messaging;

import java.util.UUID;

/**
 * A man answered a mail of a thread by replying to it (told in process, to whoever owns the thread). {@code text} is
 * his reply without the quoted mail; {@code messageId} is the reply's own, so that a reply posted twice counts once.
 */
public record MailReplied(UUID tenantId, String thread, String from, String text, String messageId) {
}
