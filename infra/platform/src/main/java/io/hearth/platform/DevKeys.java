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
 * The services' secrets for local runs: app's access-token signing key and field encryption key, tenant-admin's
 * token key and sealing key. Taken from the environment when set; otherwise made once per machine and kept in
 * {@code ~/.hearth/dev-keys.properties} (owner-only), never in the repository, so tokens and sealed values survive a
 * restart of the local platform. A file from before a key was needed gains it.
 */
final class DevKeys {

    static final String SIGNING = "HEARTH_IDENTITY_SIGNING_KEYS";
    static final String ENCRYPTION = "HEARTH_IDENTITY_ENCRYPTION_KEYS";
    static final String ADMIN_JWT = "HEARTH_ADMIN_JWT_SECRET";
    static final String ADMIN_SEALING = "HEARTH_ADMIN_SEALING_KEY";

    private DevKeys() {
    }

    /** app's keys. */
    static Map<String, String> forApp(Map<String, String> env) {
        return pick(forThisMachine(env), SIGNING, ENCRYPTION);
    }

    /** tenant-admin's keys. */
    static Map<String, String> forTenantAdmin(Map<String, String> env) {
        return pick(forThisMachine(env), ADMIN_JWT, ADMIN_SEALING);
    }

    private static Map<String, String> pick(Map<String, String> all, String... names) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (String name : names) {
            keys.put(name, all.get(name));
        }
        return keys;
    }

    static synchronized Map<String, String> forThisMachine(Map<String, String> env) {
        Map<String, java.util.function.Supplier<String>> makers = new LinkedHashMap<>();
        makers.put(SIGNING, () -> "dev-signing-1:" + newSigningKey());
        makers.put(ENCRYPTION, () -> "dev-enc-1:" + newEncryptionKey());
        makers.put(ADMIN_JWT, DevKeys::newEncryptionKey);
        makers.put(ADMIN_SEALING, DevKeys::newEncryptionKey);
        Map<String, String> keys = new LinkedHashMap<>();
        if (makers.keySet().stream().allMatch(env::containsKey)) {
            makers.keySet().forEach(name -> keys.put(name, env.get(name)));
            return keys;
        }
        Path file = Path.of(System.getProperty("user.home"), ".hearth", "dev-keys.properties");
        Properties stored = new Properties();
        try {
            if (Files.exists(file)) {
                try (var in = Files.newInputStream(file)) {
                    stored.load(in);
                }
            }
            boolean added = false;
            for (var maker : makers.entrySet()) {
                if (stored.getProperty(maker.getKey()) == null) {
                    stored.setProperty(maker.getKey(), maker.getValue().get());
                    added = true;
                }
            }
            if (added) {
                Files.createDirectories(file.getParent());
                if (!Files.exists(file)) {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                }
                try (var out = Files.newOutputStream(file)) {
                    stored.store(out, "Hearth development keys for this machine only");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or write " + file, e);
        }
        makers.keySet().forEach(name -> keys.put(name, env.getOrDefault(name, stored.getProperty(name))));
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
