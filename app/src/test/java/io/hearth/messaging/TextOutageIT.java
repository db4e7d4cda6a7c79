package io.hearth.messaging;

import io.hearth.Api;
import io.hearth.RealStack;
import io.hearth.identity.Org;
import io.hearth.identity.Role;
import io.hearth.infra.FreePorts;
import io.hearth.infra.SmsCatcher;
import io.hearth.tenancy.TenantDirectory;
import io.hearth.tenancy.TenantProvisioning;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The SMS provider down while men ask for phone codes: the request is accepted all the same, the text goes out once
 * the provider is back (at the address it had), by the relay's retries; a text whose code expired meanwhile is never
 * sent late.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TextOutageIT implements RealStack {

    private static final int DOWN_PORT = FreePorts.next();

    @Inject @Client("/") HttpClient client;
    @Inject TenantProvisioning provisioning;
    @Inject TenantDirectory directory;
    Org org;
    Api api;

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("hearth.sms.base-url", "http://127.0.0.1:" + DOWN_PORT, "hearth.sms.retry-base", "200ms", "hearth.sms.retry-max", "500ms",
                "hearth.identity.phone-code-ttl", "5s");
    }

    @BeforeAll
    void organisation() {
        org = Org.create(provisioning, directory, client, "textless");
        api = org.api();
    }

    @Test
    void aCodeAskedForWhileTheProviderIsDownArrivesWhenItIsBackAndStillConfirms() throws Exception {
        Org.Member man = org.member(Role.MEMBER);
        String phone = "+447700900" + String.format("%03d", new java.util.Random().nextInt(1000));

        Api.Reply asked = api.post("/api/v1/auth/verify-phone", Map.of("phone", phone), man.accessToken());
        assertThat(asked.status()).as("%s", asked.body()).isEqualTo(202);
        Thread.sleep(1000);

        try (SmsCatcher back = SmsCatcher.start(DOWN_PORT)) {
            String code = await().atMost(Duration.ofSeconds(4)).until(() -> codeTo(back, phone), Optional::isPresent).orElseThrow();
            Api.Reply confirmed = api.post("/api/v1/auth/verify-phone", Map.of("phone", phone, "code", code), man.accessToken());
            assertThat(confirmed.status()).as("%s", confirmed.body()).isEqualTo(200);
        }
        // Done with: the queue keeps neither the code nor the number.
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(RealStack.stack().jdbcUrl(io.hearth.infra.LocalStack.Database.APP),
                RealStack.stack().dbUsername(), RealStack.stack().dbPassword());
             java.sql.PreparedStatement s = c.prepareStatement("select recipient, sealed_body, sent_at from public.outgoing_texts where recipient like ?")) {
            s.setString(1, phone.substring(0, 3) + "%" + phone.substring(phone.length() - 2));
            try (java.sql.ResultSet rs = s.executeQuery()) {
                boolean found = false;
                while (rs.next()) {
                    found |= rs.getTimestamp(3) != null;
                    assertThat(rs.getString(1)).isNotEqualTo(phone);
                    if (rs.getTimestamp(3) != null) {
                        assertThat(rs.getString(2)).isNull();
                    }
                }
                assertThat(found).as("the sent text's row").isTrue();
            }
        }
    }

    @Test
    void aTextWhoseCodeExpiredBeforeTheProviderCameBackIsNeverSent() throws Exception {
        Org.Member man = org.member(Role.MEMBER);
        String phone = "+447700901" + String.format("%03d", new java.util.Random().nextInt(1000));

        assertThat(api.post("/api/v1/auth/verify-phone", Map.of("phone", phone), man.accessToken()).status()).isEqualTo(202);
        Thread.sleep(5500);

        try (SmsCatcher back = SmsCatcher.start(DOWN_PORT)) {
            Thread.sleep(2000);
            assertThat(back.messages()).noneMatch(text -> text.to().equals(phone));
        }
    }

    private static Optional<String> codeTo(SmsCatcher catcher, String phone) {
        return catcher.messages().stream().filter(text -> text.to().equals(phone)).findFirst().map(text -> {
            Matcher matcher = Pattern.compile("code is (\\d{6})\\b").matcher(text.body());
            assertThat(matcher.find()).as("a code in %s", text.body()).isTrue();
            return matcher.group(1);
        });
    }
}
