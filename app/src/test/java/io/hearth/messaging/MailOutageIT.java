package io.hearth.messaging;

import io.hearth.RealStack;
import io.hearth.infra.FreePorts;
import io.hearth.infra.MailCatcher;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantDirectory;
import io.hearth.tenancy.TenantFixtures;
import io.hearth.tenancy.TenantProvisioning;
import io.hearth.tenancy.TenantStatus;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The mail server down while organisations are onboarded: they become ACTIVE all the same, and their invitations
 * are delivered once it is back (at the address it had), by the relay's retries.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MailOutageIT implements RealStack {

    private static final int DOWN_SMTP_PORT = FreePorts.next();

    @Inject TenantProvisioning provisioning;
    @Inject TenantDirectory directory;

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("hearth.smtp.port", Integer.toString(DOWN_SMTP_PORT),
                "hearth.mail.retry-base", "200ms", "hearth.mail.retry-max", "1s");
    }

    @Test
    void onboardingDoesNotWaitForTheMailServerAndItsInvitationArrivesWhenTheServerIsBack() throws Exception {
        List<Tenant> onboarded = List.of(TenantFixtures.provisioned(provisioning, directory, "mailless"),
                TenantFixtures.provisioned(provisioning, directory, "mailless"),
                TenantFixtures.provisioned(provisioning, directory, "mailless"));
        for (Tenant tenant : onboarded) {
            assertThat(directory.findById(tenant.id()).orElseThrow().status()).isEqualTo(TenantStatus.ACTIVE);
        }
        Thread.sleep(1500);

        try (MailCatcher back = MailCatcher.start(0, DOWN_SMTP_PORT)) {
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                for (Tenant tenant : onboarded) {
                    assertThat(back.messages()).as("invitation of " + tenant.slug())
                            .filteredOn(mail -> mail.to().contains(tenant.adminEmail())).hasSize(1)
                            .allSatisfy(mail -> assertThat(mail.body()).contains("/invitations/"));
                }
            });
        }
    }
}
