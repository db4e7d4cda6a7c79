package io.hearth.admin.operators;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.InputStream;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What tenant-admin does when nothing is set: no key from the repository, no development operator, a second factor. */
class SecretDefaultsTest {

    @Test
    void theShippedSettingsHoldNoKeyNoDevelopmentOperatorAndRequireASecondFactor() throws Exception {
        Map<String, Object> admin;
        try (InputStream in = getClass().getResourceAsStream("/application.yml")) {
            Map<String, Object> yaml = new Yaml().load(in);
            admin = map(map(yaml.get("hearth")).get("admin"));
        }

        assertThat(admin).doesNotContainKeys("jwt-secret", "sealing-key");
        assertThat(map(admin.get("dev-operator"))).containsEntry("enabled", false);
        assertThat(map(admin.get("second-factor"))).containsEntry("required", true);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
