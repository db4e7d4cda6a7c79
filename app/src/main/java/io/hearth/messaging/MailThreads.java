package io.hearth.messaging;

import io.hearth.crypto.DerivedMacKeys;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import io.micronaut.context.annotation.Property;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mail a man can answer by replying: each such mail carries a Message-ID that names its thread (a ticket, say), its
 * organisation and an HMAC of both with the address it went to. A reply quotes it in In-Reply-To or References; the
 * reply is believed to belong to the thread only when it comes from that same address.
 */
@TenantBound
@Singleton
public class MailThreads {

    private static final Pattern ID = Pattern.compile("<?h\\.([0-9a-f-]{36})\\.([a-z0-9-]{1,64})\\.[0-9a-f]{8}\\.([^.@<>\\s]{1,32})\\.([A-Za-z0-9_-]{20,64})@[^>\\s]+>?");

    private final DerivedMacKeys keys;
    private final String domain;

    public MailThreads(@Property(name = "hearth.identity.encryption-keys") String setting, MailConfiguration mail) {
        this.keys = new DerivedMacKeys(setting, "hearth mail threads v1");
        String from = mail.from();
        int at = from.lastIndexOf('@');
        this.domain = (at < 0 ? "hearth.local" : from.substring(at + 1)).replaceAll("[^A-Za-z0-9.-]", "");
    }

    /** The thread a reply belongs to: its organisation, and the thread's name as it was given. */
    public record Thread(UUID tenantId, String name) {
    }

    /**
     * A new Message-ID for a mail of this thread to this address. {@code thread} is letters, digits and hyphens, at
     * most 64 (such as {@code ticket-<uuid>}).
     */
    public String messageId(Tenant tenant, String thread, String address) {
        if (!thread.matches("[a-z0-9-]{1,64}")) {
            throw new IllegalArgumentException("a thread name is lower-case letters, digits and hyphens: " + thread);
        }
        String unique = UUID.randomUUID().toString().substring(0, 8);
        return "<h." + tenant.id().value() + "." + thread + "." + unique + "." + keys.activeId() + "."
                + mac(keys.activeId(), tenant.id().value(), thread, address) + "@" + domain + ">";
    }

    /** The thread of a Message-ID this platform made for mail to this address; empty for any other. */
    public Optional<Thread> verify(String messageId, String address) {
        Matcher id = ID.matcher(messageId.strip());
        if (!id.matches() || !keys.has(id.group(3))) {
            return Optional.empty();
        }
        UUID tenant = UUID.fromString(id.group(1));
        boolean ours = MessageDigest.isEqual(mac(id.group(3), tenant, id.group(2), address).getBytes(StandardCharsets.US_ASCII),
                id.group(4).getBytes(StandardCharsets.US_ASCII));
        return ours ? Optional.of(new Thread(tenant, id.group(2))) : Optional.empty();
    }

    private String mac(String keyId, UUID tenant, String thread, String address) {
        byte[] input = (tenant + ":" + thread + ":" + address.strip().toLowerCase(Locale.ROOT)).getBytes(StandardCharsets.UTF_8);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(keys.mac(keyId, input));
    }
}
