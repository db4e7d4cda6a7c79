package io.hearth.messaging.internal;

import io.hearth.crypto.DerivedMacKeys;
import io.micronaut.context.annotation.Property;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The reference every mail carries ({@code X-Hearth-Ref}): its organisation, and an HMAC of the organisation and the
 * address it went to. A bounce or complaint that comes back later quotes the mail's headers; the reference says whose
 * mail it was, and only for the address it was sent to, so a forged report cannot silence anyone else.
 */
@Singleton
public class MailRefs {

    public static final String HEADER = "X-Hearth-Ref";

    private final DerivedMacKeys keys;

    public MailRefs(@Property(name = "hearth.identity.encryption-keys") String setting) {
        this.keys = new DerivedMacKeys(setting, "hearth mail refs v1");
    }

    /** "{tenant}.{key id}.{mac}": printable ASCII, one header line. */
    public String of(UUID tenant, String address) {
        return tenant + "." + keys.activeId() + "." + mac(keys.activeId(), tenant, address);
    }

    /** The organisation of a mail to this address, if the reference is one this platform made for it. */
    public Optional<UUID> verify(String reference, String address) {
        String[] parts = reference.strip().split("\\.");
        if (parts.length != 3 || !keys.has(parts[1])) {
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
        return Base64.getUrlEncoder().withoutPadding().encodeToString(keys.mac(keyId, input));
    }
}
