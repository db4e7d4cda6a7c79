package io.hearth.tenancy;

import io.hearth.tenancy.api.HostTenantResolver;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The shape rules of a tenant host, without the directory: which label a Host header names, if any. */
class HostTenantResolverTest {

    private final HostTenantResolver resolver = new HostTenantResolver("localhost", null);

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "NONE", value = {
            "demo.localhost, demo",
            "DEMO.localhost, demo",
            "demo.LOCALHOST:8080, demo",
            "demo.localhost:8080, demo",
            "demo.localhost., demo",
            "circle-9.localhost, circle-9",
            "localhost, NONE",
            "localhost:8080, NONE",
            ".localhost, NONE",
            "127.0.0.1, NONE",
            "127.0.0.1:8080, NONE",
            "[::1]:8080, NONE",
            "a.b.localhost, NONE",
            "public.localhost, NONE",
            "pg_catalog.localhost, NONE",
            "pgdemo.localhost, NONE",
            "information_schema.localhost, NONE",
            "admin.localhost, NONE",
            "www.localhost, NONE",
            "ab.localhost, NONE",
            "demo-.localhost, NONE",
            "9demo.localhost, NONE",
            "de_mo.localhost, NONE",
            "demo.example.com, NONE",
            "demolocalhost, NONE",
            "thirtyonecharacterslongslugabcd.localhost, NONE"
    })
    void findsTheTenantLabelOnlyDirectlyUnderTheBaseDomain(String host, String expected) {
        assertThat(resolver.label(host).orElse(null)).isEqualTo(expected);
    }
}
