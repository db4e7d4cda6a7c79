package io.hearth.messaging.internal;

import io.hearth.crypto.KeyList;
import io.micronaut.context.annotation.Property;
import jakarta.inject.Singleton;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A phone number as a keyed hash, to find it without keeping it: HMAC-SHA256 of the organisation and the number under
 * a key derived from each field encryption key ({@code hearth.identity.encryption-keys}) with a label of its own. A
 * number has few digits: an unkeyed hash of it would be read back by trying them all.
 */
@Singleton
public class PhoneHashes {

    private static final String ALGORITHM = "HmacSHA256";
    private static final byte[] LABEL = "hearth phone hashes v1".getBytes(StandardCharsets.UTF_8);

    private final String activeId;
    private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();

    public PhoneHashes(@Property(name = "hearth.identity.encryption-keys") String setting) {
        KeyList list = KeyList.parse(setting, "hearth.identity.encryption-keys (HEARTH_IDENTITY_ENCRYPTION_KEYS)");
        list.keys().forEach((id, bytes) -> keys.put(id, new SecretKeySpec(mac(new SecretKeySpec(bytes, ALGORITHM), LABEL), ALGORITHM)));
        this.activeId = list.activeId();
    }

    /** The number's hash under the key in use, to store. */
    public String hash(UUID tenant, String phone) {
        return hash(activeId, tenant, phone);
    }

    /** Its hash under every listed key, to look up (a hash made before a rotation is still found). */
    public List<String> every(UUID tenant, String phone) {
        List<String> hashes = new ArrayList<>();
        keys.keySet().forEach(id -> hashes.add(hash(id, tenant, phone)));
        return hashes;
    }

    private String hash(String keyId, UUID tenant, String phone) {
        byte[] input = (tenant + ":" + phone.strip()).getBytes(StandardCharsets.UTF_8);
        return keyId + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(keys.get(keyId), input));
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
