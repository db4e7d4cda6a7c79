package io.hearth.tenancy;

/** What a use case is given that names the organisation it works for: the {@link Tenant} itself, or who asks in it. */
public interface ForTenant {

    Tenant tenant();
}
