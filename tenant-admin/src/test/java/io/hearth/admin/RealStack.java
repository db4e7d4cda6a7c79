package io.hearth.admin;

import io.hearth.infra.LocalStack;
import io.micronaut.test.support.TestPropertyProvider;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** Points a test's application context at the real servers of this test JVM's local stack, with keys made for this JVM. */
public interface RealStack extends TestPropertyProvider {

    String JWT_SECRET = TestKeys.random();
    String SEALING_KEY = TestKeys.random();

    @Override
    default Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(LocalStack.shared().properties(LocalStack.Service.TENANT_ADMIN));
        properties.put("hearth.outbox.interval", "200ms");
        // Each test's context serves its metrics on a free port (test classes run side by side).
        properties.put("hearth.metrics.port", "0");
        properties.put("hearth.admin.jwt-secret", JWT_SECRET);
        properties.put("hearth.admin.sealing-key", SEALING_KEY);
        properties.put("hearth.admin.dev-operator.enabled", "true");
        properties.put("hearth.admin.second-factor.required", "false");
        properties.putAll(extraProperties());
        return properties;
    }

    default Map<String, String> extraProperties() {
        return Map.of();
    }

    static LocalStack stack() {
        return LocalStack.shared();
    }

    final class TestKeys {
        private TestKeys() {
        }

        static String random() {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            return Base64.getEncoder().encodeToString(key);
        }
    }
}
