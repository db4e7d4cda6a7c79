package io.hearth.identity;

import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import io.micronaut.context.annotation.Property;
import jakarta.inject.Singleton;

/** Links into an organisation's PWA, for the mails that carry them. */
@TenantBound
@Singleton
public class PublicLinks {

    private final String urlTemplate;

    public PublicLinks(@Property(name = "hearth.public-url-template") String urlTemplate) {
        this.urlTemplate = urlTemplate;
    }

    public String to(Tenant tenant, String path) {
        return urlTemplate.replace("{slug}", tenant.slug()) + path;
    }
}
