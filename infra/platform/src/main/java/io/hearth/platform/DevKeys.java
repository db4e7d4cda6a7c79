package io.hearth.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * app's secrets for local runs: the access-token signing key and the field encryption key. Taken from the
 * environment when set; otherwise made once per machine and kept in {@code ~/.hearth/dev-keys.properties}
 * (owner-only), never in the repository, so tokens and sealed values survive a restart of the local platform.
 */
final class DevKeys {

    static final String SIGNING = "HEARTH_IDENTITY_SIGNING_KEYS";
    static final String ENCRYPTION = "HEARTH_IDENTITY_ENCRYPTION_KEYS";

    private DevKeys() {
    }

    static synchronized Map<String, String> forThisMachine(Map<String, String> env) {
        Map<String, String> keys = new LinkedHashMap<>();
        if (env.containsKey(SIGNING) && env.containsKey(ENCRYPTION)) {
            keys.put(SIGNING, env.get(SIGNING));
            keys.put(ENCRYPTION, env.get(ENCRYPTION));
            return keys;
        }
        Path file = Path.of(System.getProperty("user.home"), ".hearth", "dev-keys.properties");
        Properties stored = new Properties();
        try {
            if (Files.exists(file)) {
                try (var in = Files.newInputStream(file)) {
                    stored.load(in);
                }
            } else {
                stored.setProperty(SIGNING, "dev-signing-1:" + newSigningKey());
                stored.setProperty(ENCRYPTION, "dev-enc-1:" + newEncryptionKey());
                Files.createDirectories(file.getParent());
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                try (var out = Files.newOutputStream(file)) {
                    stored.store(out, "Hearth development keys for this machine only");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or write " + file, e);
        }
        keys.put(SIGNING, env.getOrDefault(SIGNING, stored.getProperty(SIGNING)));
        keys.put(ENCRYPTION, env.getOrDefault(ENCRYPTION, stored.getProperty(ENCRYPTION)));
        return keys;
    }

    static String newSigningKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return Base64.getEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no P-256 key generator in this JVM", e);
        }
    }

    static String newEncryptionKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
