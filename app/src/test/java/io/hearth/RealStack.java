package io.hearth;

import io.hearth.infra.LocalStack;
import io.micronaut.test.support.TestPropertyProvider;

import java.util.HashMap;
import java.util.Map;

/** Points a test's application context at the real servers of this test JVM's local stack. */
public interface RealStack extends TestPropertyProvider {

    @Override
    default Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(LocalStack.shared().properties(LocalStack.Service.APP));
        properties.put("hearth.outbox.interval", "200ms");
        // Each test's context serves its metrics on a free port (test classes run side by side).
        properties.put("hearth.metrics.port", "0");
        // Consumer lag asks the brokers every sample: MetricsIT turns it on where it is tested.
        properties.put("hearth.metrics.consumer-lag.enabled", "false");
        properties.put("hearth.identity.signing-keys", TestKeys.SIGNING_KEYS);
        properties.put("hearth.identity.encryption-keys", TestKeys.ENCRYPTION_KEYS);
        properties.put("hearth.rate-limits.login-failures-per-ip-per-minute", "100000");
        properties.put("hearth.rate-limits.login-attempts-per-ip-per-minute", "100000");
        properties.put("hearth.rate-limits.mail-per-client-per-hour", "100000");
        // Tests run event housekeeping themselves, when they mean to.
        properties.put("hearth.events.housekeeping.enabled", "false");
        properties.put("hearth.imports.housekeeping.enabled", "false");
        // Documents' files of a test run go with its build output, not into the machine's temporary directory for good.
        properties.put("hearth.documents.local-dir", "target/documents");
        properties.put("hearth.sms.base-url", LocalStack.shared().smsCatcher().baseUrl());
        properties.putAll(extraProperties());
        return properties;
    }

    default Map<String, String> extraProperties() {
        return Map.of();
    }

    static LocalStack stack() {
        return LocalStack.shared();
    }
}
