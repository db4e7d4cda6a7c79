package io.hearth.crypto;

import io.micronaut.context.annotation.Property;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

/**
 * Tokens that carry what they name and cannot be forged, for links that must work with nothing stored (an unsubscribe
 * link in every mail): {@code base64url(payload).base64url(HMAC-SHA256).kid}. The MAC key is derived from each of the
 * field encryption keys ({@code hearth.identity.encryption-keys}, from the environment only, so no key that ships in
 * the repository signs anything), under a label of its own, so one key never serves both encryption and MAC. The
 * purpose is signed too: a token made for one use is refused for another. A token names its key and stays valid as
 * long as that key is listed.
 */
@Singleton
public class SignedTokens {

    private static final int MAX_LENGTH = 512;

    private final DerivedMacKeys keys;

    public SignedTokens(@Property(name = "hearth.identity.encryption-keys") String setting) {
        this.keys = new DerivedMacKeys(setting, "hearth signed tokens v1");
    }

    /** A token for this purpose carrying this payload, signed with the key in use. */
    public String sign(String purpose, byte[] payload) {
        return encode(payload) + "." + encode(keys.mac(keys.activeId(), signed(purpose, payload))) + "." + keys.activeId();
    }

    /** The payload of a token signed for this purpose by a listed key; empty for anything else (malformed, forged, another purpose). */
    public Optional<byte[]> read(String purpose, String token) {
        if (token == null || token.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.", 3);
        if (parts.length != 3) {
            return Optional.empty();
        }
        if (!keys.has(parts[2])) {
            return Optional.empty();
        }
        try {
            byte[] payload = Base64.getUrlDecoder().decode(parts[0]);
            byte[] mac = Base64.getUrlDecoder().decode(parts[1]);
            return MessageDigest.isEqual(mac, keys.mac(parts[2], signed(purpose, payload))) ? Optional.of(payload) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static byte[] signed(String purpose, byte[] payload) {
        byte[] name = purpose.getBytes(StandardCharsets.UTF_8);
        byte[] input = new byte[name.length + 1 + payload.length];
        System.arraycopy(name, 0, input, 0, name.length);
        System.arraycopy(payload, 0, input, name.length + 1, payload.length);
        return input;
    }

    private static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
