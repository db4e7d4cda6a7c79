package io.hearth.messaging.internal;

import io.hearth.crypto.DerivedMacKeys;
import io.micronaut.context.annotation.Property;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * A phone number as a keyed hash, to find it without keeping it: HMAC-SHA256 of the organisation and the number under
 * a key derived from each field encryption key ({@code hearth.identity.encryption-keys}) with a label of its own. A
 * number has few digits: an unkeyed hash of it would be read back by trying them all.
 */
@Singleton
public class PhoneHashes {

    private final DerivedMacKeys keys;

    public PhoneHashes(@Property(name = "hearth.identity.encryption-keys") String setting) {
        this.keys = new DerivedMacKeys(setting, "hearth phone hashes v1");
    }

    /** The number's hash under the key in use, to store. */
    public String hash(UUID tenant, String phone) {
        return hash(keys.activeId(), tenant, phone);
    }

    /** Its hash under every listed key, to look up (a hash made before a rotation is still found). */
    public List<String> every(UUID tenant, String phone) {
        List<String> hashes = new ArrayList<>();
        keys.ids().forEach(id -> hashes.add(hash(id, tenant, phone)));
        return hashes;
    }

    private String hash(String keyId, UUID tenant, String phone) {
        byte[] input = (tenant + ":" + phone.strip()).getBytes(StandardCharsets.UTF_8);
        return keyId + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(keys.mac(keyId, input));
    }
}
