package io.hearth.admin.operators;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Property;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * tenant-admin's secrets, from the environment only: the key that signs operators' tokens
 * ({@code HEARTH_ADMIN_JWT_SECRET}) and the key that seals their second factors at rest ({@code HEARTH_ADMIN_SEALING_KEY},
 * AES-256 in base64). Created at start-up, so that the service refuses to start without real ones rather than run on
 * a key anyone can read in the repository.
 */
@Context
public class ControlPlaneKeys {

    /** Keys once committed to the repository: a service that runs with one of them can be signed for by anyone. */
    private static final Set<String> PUBLISHED = Set.of("dev-only-secret-change-me-0123456789abcdef");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec sealing;

    public ControlPlaneKeys(@Property(name = "hearth.admin.jwt-secret", defaultValue = "") String jwtSecret,
                            @Property(name = "hearth.admin.sealing-key", defaultValue = "") String sealingKey) {
        if (jwtSecret.isBlank()) {
            throw new IllegalStateException("tenant-admin needs HEARTH_ADMIN_JWT_SECRET (at least 32 bytes) to sign operators' tokens; "
                    + "./run-local makes one per machine");
        }
        if (jwtSecret.getBytes(StandardCharsets.UTF_8).length < 32 || PUBLISHED.contains(jwtSecret)) {
            throw new IllegalStateException("HEARTH_ADMIN_JWT_SECRET must be at least 32 bytes and never a key from the repository");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(sealingKey.trim());
        } catch (IllegalArgumentException e) {
            key = new byte[0];
        }
        if (key.length != 32 || distinct(key) < 16) {
            throw new IllegalStateException("tenant-admin needs HEARTH_ADMIN_SEALING_KEY (32 random bytes in base64, not a made-up or zeroed "
                    + "key) to seal operators' second factors; ./run-local makes one per machine");
        }
        this.sealing = new SecretKeySpec(key, "AES");
    }

    /** How many different byte values a key holds: 32 random bytes hold about 30, a key typed or zeroed by hand few. */
    private static long distinct(byte[] key) {
        java.util.BitSet seen = new java.util.BitSet(256);
        for (byte b : key) {
            seen.set(b & 0xff);
        }
        return seen.cardinality();
    }

    /** AES-256-GCM with a random 96-bit nonce: nonce and ciphertext in base64. */
    String seal(String plain) {
        try {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, sealing, new GCMParameterSpec(128, nonce));
            cipher.updateAAD("hearth-operator-totp".getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(nonce) + "." + Base64.getEncoder().encodeToString(sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not seal a secret", e);
        }
    }

    String open(String sealed) {
        try {
            String[] parts = sealed.split("\\.", 2);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, sealing, new GCMParameterSpec(128, Base64.getDecoder().decode(parts[0])));
            cipher.updateAAD("hearth-operator-totp".getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(Base64.getDecoder().decode(parts[1])), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalStateException("a sealed second factor does not open with HEARTH_ADMIN_SEALING_KEY", e);
        }
    }
}
