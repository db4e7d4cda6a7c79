package io.hearth.crypto;

import io.micronaut.context.annotation.Property;
import jakarta.inject.Singleton;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * Encrypts single fields at rest with AES-256-GCM under keys from the environment
 * ({@code hearth.identity.encryption-keys}). A sealed value is {@code kid:base64(nonce | ciphertext | tag)}: it names
 * its key, so keys rotate by putting a new one first and keeping the old ones until no value uses them. The
 * associated data binds a value to its place (for example the tenant and column), so it cannot be moved elsewhere.
 */
@Singleton
public class FieldCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final String activeId;
    private final Map<String, SecretKeySpec> keys = new HashMap<>();
    private final SecureRandom random = new SecureRandom();

    public FieldCipher(@Property(name = "hearth.identity.encryption-keys") String setting) {
        KeyList list = KeyList.parse(setting, "hearth.identity.encryption-keys (HEARTH_IDENTITY_ENCRYPTION_KEYS)");
        list.keys().forEach((id, bytes) -> {
            if (bytes.length != 32) {
                throw new IllegalStateException("encryption key " + id + " must be 32 bytes (AES-256), is " + bytes.length);
            }
            keys.put(id, new SecretKeySpec(bytes, "AES"));
        });
        this.activeId = list.activeId();
    }

    public String seal(String plaintext, String associatedData) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return activeId + ":" + Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    public String open(String sealed, String associatedData) {
        int colon = sealed.indexOf(':');
        SecretKeySpec key = colon > 0 ? keys.get(sealed.substring(0, colon)) : null;
        if (key == null) {
            throw new IllegalStateException("no encryption key for a stored value (key id " + (colon > 0 ? sealed.substring(0, colon) : "missing") + ")");
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(sealed.substring(colon + 1));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a stored value could not be decrypted: wrong key or altered", e);
        }
    }

    /** Whether the value was sealed under a key other than the one in use, and should be sealed again. */
    public boolean needsRotation(String sealed) {
        return !sealed.startsWith(activeId + ":");
    }
}
