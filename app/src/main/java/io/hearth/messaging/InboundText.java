package io.hearth.messaging;

/**
 * A text a man sent to one of the platform's numbers, as the SMS provider posted it (signature checked).
 *
 * @param messageSid the provider's id of the message: the same text posted twice carries the same one
 * @param from       his number (E.164)
 * @param to         the number he texted (E.164)
 */
public record InboundText(String messageSid, String from, String to, String body) {
}
