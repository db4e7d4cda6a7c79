package io.hearth.messaging;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * The SMS provider's REST API (Twilio's Messages API): its base URL (the local stack points it at the SMS catcher),
 * the account, its auth token (a secret: from the environment) and the sender number.
 */
@ConfigurationProperties("hearth.sms")
public record SmsConfiguration(String baseUrl, String accountSid, String authToken, String from) {
}
