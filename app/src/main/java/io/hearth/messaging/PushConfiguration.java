package io.hearth.messaging;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * Web Push: the platform's VAPID key pair (base64url, as {@code web-push generate-vapid-keys} prints them; the private
 * key is a secret, from the environment; both blank: no push), the contact push services may write to, the push
 * services a device's endpoint may name (host suffixes, HTTPS only), and origins allowed over plain HTTP (the local
 * push service of the local run and the tests; empty in production).
 */
@ConfigurationProperties("hearth.push")
public record PushConfiguration(@Nullable String vapidPublicKey, @Nullable String vapidPrivateKey, String subject, List<String> services,
                                @Nullable List<String> insecureOrigins) {

    public boolean enabled() {
        return vapidPublicKey != null && !vapidPublicKey.isBlank() && vapidPrivateKey != null && !vapidPrivateKey.isBlank();
    }

    public List<String> insecureOriginsOrNone() {
        return insecureOrigins == null ? List.of() : insecureOrigins;
    }
}
