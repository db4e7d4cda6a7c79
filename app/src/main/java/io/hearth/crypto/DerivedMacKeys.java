package io.hearth.crypto;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * HMAC-SHA256 keys derived from each field encryption key ({@code hearth.identity.encryption-keys}, from the
 * environment only) under a label of their own, so one key never serves both encryption and a MAC, and two uses of a
 * MAC never share a key. Each keeps the id of the key it came from: what was signed before a rotation is still read as
 * long as its key is listed.
 */
public final class DerivedMacKeys {

    private static final String ALGORITHM = "HmacSHA256";

    private final String activeId;
    private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();

    /** {@code setting}: the encryption keys as configured; {@code label}: this use's name ("hearth phone hashes v1"). */
    public DerivedMacKeys(String setting, String label) {
        KeyList list = KeyList.parse(setting, "hearth.identity.encryption-keys (HEARTH_IDENTITY_ENCRYPTION_KEYS)");
        byte[] name = label.getBytes(StandardCharsets.UTF_8);
        list.keys().forEach((id, bytes) -> keys.put(id, new SecretKeySpec(mac(new SecretKeySpec(bytes, ALGORITHM), name), ALGORITHM)));
        this.activeId = list.activeId();
    }

    /** The id of the key new MACs are made with. */
    public String activeId() {
        return activeId;
    }

    /** Every listed key's id, the one in use first or not. */
    public Set<String> ids() {
        return keys.keySet();
    }

    public boolean has(String id) {
        return keys.containsKey(id);
    }

    /** The MAC of the input under the key with this id (which must be listed). */
    public byte[] mac(String id, byte[] input) {
        SecretKeySpec key = keys.get(id);
        if (key == null) {
            throw new IllegalArgumentException("no key " + id);
        }
        return mac(key, input);
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
