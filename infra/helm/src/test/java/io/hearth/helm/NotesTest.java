package io.hearth.helm;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** NOTES.txt: where Hearth answers, and a warning for each setting that would leave it broken. */
class NotesTest {

    @Test
    void theProductionExampleInItsNamespaceListsTheHostsWithoutWarnings() {
        String notes = Chart.installOutput(Chart.NAMESPACE, Chart.PRODUCTION_VALUES);

        assertThat(notes).contains("https://*.hearth.example", "https://console.ops.hearth.example", "hearth-secrets")
                .doesNotContain("WARNING");
    }

    @Test
    void anotherNamespaceWithIrsaRolesIsWarnedThatTheRolesWillNotTrustIt() {
        String notes = Chart.installOutput("hearth-staging", Chart.PRODUCTION_VALUES);

        assertThat(notes).contains("WARNING: the IRSA roles made by terraform trust the namespace \"hearth\" only");
    }

    @Test
    void theDefaultsAreWarnedAboutTheMissingTrustedProxiesAndCertificate() {
        String notes = Chart.installOutput(Chart.NAMESPACE);

        assertThat(notes).contains("WARNING: trustedProxies is empty", "WARNING: ingress.certificateArn is empty");
    }
}
