package io.hearth.messaging;

import io.hearth.ErrorCode;
import io.hearth.kit.CommonCode;
import io.hearth.kit.Refusal;
import io.hearth.messaging.internal.TwilioSignature;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Texts men send to the platform's numbers, as the SMS provider (Twilio) posts them to {@code hearth.sms.inbound-url}:
 * each is believed only with the provider's signature, made over that public address (whatever Host the request
 * arrived with, behind whatever proxy) and the form's parameters, keyed by the auth token ({@code hearth.sms.auth-token}).
 */
@Singleton
public class InboundTexts {

    private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("\\+[1-9][0-9]{6,14}");

    private final SmsConfiguration configuration;
    private final String inboundUrl;

    public InboundTexts(SmsConfiguration configuration, @Property(name = "hearth.sms.inbound-url") String inboundUrl) {
        this.configuration = configuration;
        this.inboundUrl = inboundUrl;
    }

    /**
     * The text a form body carries, if its signature is the provider's: 403 {@code SMS_SIGNATURE_INVALID} when it is
     * missing or wrong, 422 naming the fields a signed form lacks.
     */
    public InboundText read(@Nullable String form, @Nullable String signature) {
        List<Map.Entry<String, String>> params = parse(form == null ? "" : form);
        if (configuration.authToken() == null || configuration.authToken().isBlank()) {
            throw new Refusal(Refusal.Kind.FORBIDDEN, ErrorCode.SMS_SIGNATURE_INVALID,
                    "Texts are not taken here: the SMS provider's auth token (HEARTH_SMS_AUTH_TOKEN) is not set");
        }
        if (!TwilioSignature.matches(configuration.authToken(), inboundUrl, params, signature)) {
            throw new Refusal(Refusal.Kind.FORBIDDEN, ErrorCode.SMS_SIGNATURE_INVALID,
                    "The request is not signed by the SMS provider (X-Twilio-Signature)");
        }
        String sid = first(params, "MessageSid");
        String from = first(params, "From");
        String to = first(params, "To");
        String body = first(params, "Body");
        List<Refusal.FieldError> errors = new ArrayList<>();
        if (sid == null || sid.isBlank() || sid.length() > 64) {
            errors.add(new Refusal.FieldError("MessageSid", "must be the provider's message id"));
        }
        if (from == null || !NUMBER.matcher(from.strip()).matches()) {
            errors.add(new Refusal.FieldError("From", "must be an international number such as +447700900123"));
        }
        if (to == null || !NUMBER.matcher(to.strip()).matches()) {
            errors.add(new Refusal.FieldError("To", "must be an international number such as +447700900123"));
        }
        if (!errors.isEmpty()) {
            throw new Refusal(Refusal.Kind.INVALID, CommonCode.VALIDATION_ERROR, "The text lacks what the provider always sends", errors);
        }
        return new InboundText(sid.strip(), from.strip(), to.strip(), body == null ? "" : body);
    }

    private static String first(List<Map.Entry<String, String>> params, String name) {
        return params.stream().filter(p -> p.getKey().equals(name)).map(Map.Entry::getValue).findFirst().orElse(null);
    }

    private static List<Map.Entry<String, String>> parse(String form) {
        List<Map.Entry<String, String>> params = new ArrayList<>();
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                params.add(new AbstractMap.SimpleImmutableEntry<>(URLDecoder.decode(name, StandardCharsets.UTF_8),
                        URLDecoder.decode(value, StandardCharsets.UTF_8)));
            } catch (IllegalArgumentException e) {
                throw new Refusal(Refusal.Kind.MALFORMED, CommonCode.VALIDATION_ERROR, "The form is not URL-encoded");
            }
        }
        return params;
    }
}
