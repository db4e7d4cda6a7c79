package io.hearth.admin.operators;

import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ControlPlaneKeysTest {

    // Made when the test runs: no key in the repository is one the service takes.
    private static final String SEALING = random();
    private static final String JWT = random();

    private static String random() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @Test
    void refusesToStartWithoutATokenKey() {
        assertThatThrownBy(() -> new ControlPlaneKeys("", SEALING)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("HEARTH_ADMIN_JWT_SECRET");
    }

    @Test
    void refusesAShortTokenKeyOrTheOneOnceCommittedToTheRepository() {
        assertThatThrownBy(() -> new ControlPlaneKeys("short", SEALING)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new ControlPlaneKeys("dev-only-secret-change-me-0123456789abcdef", SEALING))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesToStartWithoutA32ByteSealingKey() {
        assertThatThrownBy(() -> new ControlPlaneKeys(JWT, "")).hasMessageContaining("HEARTH_ADMIN_SEALING_KEY");
        assertThatThrownBy(() -> new ControlPlaneKeys(JWT, "not base64!")).hasMessageContaining("HEARTH_ADMIN_SEALING_KEY");
        assertThatThrownBy(() -> new ControlPlaneKeys(JWT, Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("HEARTH_ADMIN_SEALING_KEY");
        assertThatThrownBy(() -> new ControlPlaneKeys(JWT, Base64.getEncoder().encodeToString(new byte[32])))
                .as("32 zero bytes").hasMessageContaining("HEARTH_ADMIN_SEALING_KEY");
    }

    @Test
    void aSealedSecretOpensOnlyWithItsKey() {
        ControlPlaneKeys keys = new ControlPlaneKeys(JWT, SEALING);
        ControlPlaneKeys other = new ControlPlaneKeys(JWT, random());

        String sealed = keys.seal("JBSWY3DPEHPK3PXP");

        assertThat(sealed).doesNotContain("JBSWY3DPEHPK3PXP");
        assertThat(keys.open(sealed)).isEqualTo("JBSWY3DPEHPK3PXP");
        assertThatThrownBy(() -> other.open(sealed)).isInstanceOf(IllegalStateException.class);
    }
}
