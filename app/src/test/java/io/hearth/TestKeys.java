package io.hearth;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/** Keys made for this test JVM: an ES256 signing key and an AES-256 encryption key, in the configuration's format. */
public final class TestKeys {

    public static final String SIGNING_KEYS = "test-signing-1:" + newSigningKey();
    public static final String ENCRYPTION_KEYS = "test-enc-1:" + newEncryptionKey();

    private TestKeys() {
    }

    public static String newSigningKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return Base64.getEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String newEncryptionKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
