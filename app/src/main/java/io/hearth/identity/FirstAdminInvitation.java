package io.hearth.identity;

import io.hearth.tenancy.TenantSchemaReady;
import io.micronaut.context.event.ApplicationEventListener;
import jakarta.inject.Singleton;

/** A new organisation's first admin is invited by email as soon as its schema is ready. */
@Singleton
public class FirstAdminInvitation implements ApplicationEventListener<TenantSchemaReady> {

    private final Invitations invitations;

    public FirstAdminInvitation(Invitations invitations) {
        this.invitations = invitations;
    }

    @Override
    public void onApplicationEvent(TenantSchemaReady ready) {
        invitations.inviteFirstAdmin(ready.tenant(), ready.adminEmail());
    }

    /** An operator's resend: a new link for the first admin, unless someone has joined with his address. */
    @Singleton
    static final class Resend implements ApplicationEventListener<io.hearth.tenancy.FirstAdminReinvited> {

        private final Invitations invitations;

        Resend(Invitations invitations) {
            this.invitations = invitations;
        }

        @Override
        public void onApplicationEvent(io.hearth.tenancy.FirstAdminReinvited asked) {
            invitations.reinviteFirstAdmin(asked.tenant(), asked.adminEmail());
        }
    }
}
