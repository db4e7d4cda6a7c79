package io.hearth.admin;

import io.hearth.infra.LocalStack;
import io.micronaut.test.support.TestPropertyProvider;

import java.util.HashMap;
import java.util.Map;

/** Points a test's application context at the real servers of this test JVM's local stack. */
public interface RealStack extends TestPropertyProvider {

    @Override
    default Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(LocalStack.shared().properties(LocalStack.Service.TENANT_ADMIN));
        properties.put("hearth.outbox.interval", "200ms");
        return properties;
    }

    static LocalStack stack() {
        return LocalStack.shared();
    }
}
