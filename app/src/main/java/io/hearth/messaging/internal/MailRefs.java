package io.hearth.messaging.internal;

import io.hearth.crypto.KeyList;
import io.micronaut.context.annotation.Property;
import jakarta.inject.Singleton;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The reference every mail carries ({@code X-Hearth-Ref}): its organisation, and an HMAC of the organisation and the
 * address it went to, under a key derived from each field encryption key. A bounce or complaint that comes back later
 * quotes the mail's headers; the reference says whose mail it was, and only for the address it was sent to, so a
 * forged report cannot silence anyone else.
 */
@Singleton
public class MailRefs {

    public static final String HEADER = "X-Hearth-Ref";
    private static final String ALGORITHM = "HmacSHA256";
    private static final byte[] LABEL = "hearth mail refs v1".getBytes(StandardCharsets.UTF_8);

    private final String activeId;
    private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();

    public MailRefs(@Property(name = "hearth.identity.encryption-keys") String setting) {
        KeyList list = KeyList.parse(setting, "hearth.identity.encryption-keys (HEARTH_IDENTITY_ENCRYPTION_KEYS)");
        list.keys().forEach((id, bytes) -> keys.put(id, new SecretKeySpec(mac(new SecretKeySpec(bytes, ALGORITHM), LABEL), ALGORITHM)));
        this.activeId = list.activeId();
    }

    /** "{tenant}.{key id}.{mac}": printable ASCII, one header line. */
    public String of(UUID tenant, String address) {
        return tenant + "." + activeId + "." + mac(activeId, tenant, address);
    }

    /** The organisation of a mail to this address, if the reference is one this platform made for it. */
    public Optional<UUID> verify(String reference, String address) {
        String[] parts = reference.strip().split("\\.");
        if (parts.length != 3 || !keys.containsKey(parts[1])) {
            return Optional.empty();
        }
        UUID tenant;
        try {
            tenant = UUID.fromString(parts[0]);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        boolean ours = MessageDigest.isEqual(mac(parts[1], tenant, address).getBytes(StandardCharsets.US_ASCII), parts[2].getBytes(StandardCharsets.US_ASCII));
        return ours ? Optional.of(tenant) : Optional.empty();
    }

    private String mac(String keyId, UUID tenant, String address) {
        byte[] input = (tenant + ":" + address.strip().toLowerCase(Locale.ROOT)).getBytes(StandardCharsets.UTF_8);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(keys.get(keyId), input));
    }

    private static byte[] mac(SecretKeySpec key, byte[] input) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 failed", e);
        }
    }
}
