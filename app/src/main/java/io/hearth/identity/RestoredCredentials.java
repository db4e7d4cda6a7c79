package io.hearth.identity;

import io.hearth.identity.internal.CredentialStore;
import io.hearth.tenancy.TenantSchemaRestored;
import io.hearth.crypto.FieldCipher;
import io.micronaut.context.event.ApplicationEventListener;
import jakarta.inject.Singleton;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * An organisation made from another's backup: its men sign in as they did there. Their passwords, recovery codes and
 * sign-in links are copied; their second factors are sealed again, as each is bound to its organisation.
 */
@Singleton
public class RestoredCredentials implements ApplicationEventListener<TenantSchemaRestored> {

    private final CredentialStore credentials;
    private final FieldCipher cipher;

    public RestoredCredentials(CredentialStore credentials, FieldCipher cipher) {
        this.credentials = credentials;
        this.cipher = cipher;
    }

    @Override
    public void onApplicationEvent(TenantSchemaRestored restored) {
        UUID from = restored.from().value();
        Map<UUID, CredentialStore.StoredTotp> resealed = new HashMap<>();
        for (CredentialStore.StoredTotp totp : credentials.totps(from)) {
            String secret = cipher.open(totp.sealed(), "totp:" + from + ":" + totp.person());
            resealed.put(totp.person(), new CredentialStore.StoredTotp(totp.person(),
                    cipher.seal(secret, Mfa.associatedData(restored.tenant(), totp.person())), totp.confirmedAt()));
        }
        credentials.copyTo(from, restored.tenant().id().value(), resealed);
    }
}
