package io.hearth.messaging.internal;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Twilio's request signature ({@code X-Twilio-Signature}): base64 of HMAC-SHA1, keyed by the account's auth token, of
 * the full URL Twilio called followed by each POST parameter, sorted by name, as name and value with nothing between.
 */
public final class TwilioSignature {

    private TwilioSignature() {
    }

    /** The signature of a request to {@code url} with these form parameters (in any order; a name may repeat). */
    public static String of(String authToken, String url, List<Map.Entry<String, String>> params) {
        List<Map.Entry<String, String>> sorted = new ArrayList<>(params);
        sorted.sort(Map.Entry.<String, String>comparingByKey().thenComparing(Map.Entry.comparingByValue(Comparator.naturalOrder())));
        StringBuilder signed = new StringBuilder(url);
        for (Map.Entry<String, String> param : sorted) {
            signed.append(param.getKey()).append(param.getValue());
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(signed.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA1 failed", e);
        }
    }

    /** Whether {@code signature} is that of this request, compared in constant time; a missing one is not. */
    public static boolean matches(String authToken, String url, List<Map.Entry<String, String>> params, String signature) {
        if (signature == null || signature.isBlank() || authToken == null || authToken.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(of(authToken, url, params).getBytes(StandardCharsets.UTF_8),
                signature.strip().getBytes(StandardCharsets.UTF_8));
    }
}
