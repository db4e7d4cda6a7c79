package io.hearth.tenancy;

import io.hearth.RealStack;
import io.hearth.identity.internal.InvitationRepository;
import io.hearth.identity.internal.InvitationRow;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantIsolationIT implements RealStack {

    @Inject TenantProvisioning provisioning;
    @Inject TenantDirectory directory;
    @Inject InvitationRepository invitations;
    @Inject DataSource dataSource;
    @Inject io.hearth.gatherings.Gatherings events;

    @Test
    void eachTenantReadsOnlyItsOwnRows() throws Exception {
        Tenant a = TenantFixtures.provisioned(provisioning, directory, "iso-a");
        Tenant b = TenantFixtures.provisioned(provisioning, directory, "iso-b");
        TenantScope.run(a, () -> invitations.save(invitation("only-a@example.test")));
        TenantScope.run(b, () -> invitations.save(invitation("only-b@example.test")));
        TenantScope.run(b, () -> invitations.save(invitation("also-b@example.test")));

        List<String> seenByA = TenantScope.call(a, () -> emails(invitations.findAll()));
        List<String> seenByB = TenantScope.call(b, () -> emails(invitations.findAll()));

        assertThat(seenByA).contains("only-a@example.test").doesNotContain("only-b@example.test", "also-b@example.test");
        assertThat(seenByB).contains("only-b@example.test", "also-b@example.test").doesNotContain("only-a@example.test");
        // Each schema also holds its first admin's invitation from provisioning.
        assertThat(countIn(a.schemaName())).isEqualTo(2);
        assertThat(countIn(b.schemaName())).isEqualTo(3);
    }

    @Test
    void refusesTenantDataOutsideATenantScope() {
        assertThatThrownBy(() -> invitations.findAll())
                .isInstanceOf(NoTenantInScopeException.class);
    }

    @Test
    void aUseCaseWorksInTheScopeOfTheTenantItIsGiven() {
        Tenant a = TenantFixtures.provisioned(provisioning, directory, "iso-a");

        assertThat(TenantScope.current()).isEmpty();
        assertThat(events.list(a, null, null, null, null, false, null, 0, 10).items()).isEmpty();
        assertThat(TenantScope.current()).as("the scope ends with the call").isEmpty();
    }

    @Test
    void aUseCaseRefusesToWorkForOneTenantInsideAnothersScope() {
        Tenant a = TenantFixtures.provisioned(provisioning, directory, "iso-a");
        Tenant b = TenantFixtures.provisioned(provisioning, directory, "iso-b");

        assertThatThrownBy(() -> TenantScope.call(b, () -> events.list(a, null, null, null, null, false, null, 0, 10)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("iso-a").hasMessageContaining("iso-b");
    }

    private int countIn(String schema) throws Exception {
        try (Connection connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             ResultSet rs = connection.createStatement().executeQuery("select count(*) from " + schema + ".invitations")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static List<String> emails(Iterable<InvitationRow> rows) {
        List<String> emails = new java.util.ArrayList<>();
        rows.forEach(row -> emails.add(row.email()));
        return emails;
    }

    static InvitationRow invitation(String email) {
        return new InvitationRow(UUID.randomUUID(), email, "MEMBER", UUID.randomUUID().toString(),
                Instant.now().plusSeconds(3600), null, null, Instant.now(), null, null);
    }
}
