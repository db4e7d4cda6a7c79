package io.hearth.payments;

import io.hearth.ErrorCode;
import io.hearth.identity.Audit;
import io.hearth.identity.AuditAction;
import io.hearth.identity.Caller;
import io.hearth.identity.PublicLinks;
import io.hearth.kit.Refusal;
import io.hearth.kit.outbox.Outbox;
import io.hearth.payments.internal.ConnectionLine;
import io.hearth.payments.internal.PaymentRepository;
import io.hearth.payments.internal.StripeAccountDirectory;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stripe Connect for the organisation in scope: one connected account per mode, in which the organisation is the
 * merchant of record, onboarded through Stripe's hosted Account Links. Coming back from Stripe proves nothing: the
 * account is READY only when Stripe says charges are enabled ({@code account.updated}, or a re-read).
 */
@TenantBound
@Singleton
public class Connect {

    /** Where the organisation stands with Stripe. */
    @Schema(name = "StripeConnectionStatus")
    public enum Status { NOT_CONNECTED, PENDING, READY, RESTRICTED }

    @Schema(name = "StripeConnection")
    @Serdeable
    public record Connection(Status status, @Nullable String accountId, boolean livemode, boolean chargesEnabled, boolean payoutsEnabled,
                             boolean detailsSubmitted, @Nullable String restrictedReason) {
    }

    @Schema(name = "StripeOnboarding")
    @Serdeable
    public record Onboarding(String url, Connection connection) {
    }

    private final PaymentProvider provider;
    private final PaymentRepository repository;
    private final StripeAccountDirectory accounts;
    private final PublicLinks links;
    private final Outbox outbox;
    private final Audit audit;
    private final Clock clock;

    public Connect(PaymentProvider provider, PaymentRepository repository, StripeAccountDirectory accounts, PublicLinks links, Outbox outbox,
                   Audit audit, Clock clock) {
        this.provider = provider;
        this.repository = repository;
        this.accounts = accounts;
        this.links = links;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Connection connection(Caller caller) {
        return repository.findConnection(provider.livemode()).map(Connect::view)
                .orElse(new Connection(Status.NOT_CONNECTED, null, provider.livemode(), false, false, false, null));
    }

    /** The account that takes the organisation's payments, when it may take them now. */
    @Transactional(readOnly = true)
    public Optional<String> readyAccount() {
        return repository.findConnection(provider.livemode()).filter(line -> Status.READY.name().equals(line.status()))
                .map(ConnectionLine::accountId);
    }

    /**
     * An onboarding link for the admin: creates the connected account the first time (the same one on a retry: the
     * idempotency key is the organisation's id and mode), then a fresh Account Link each time he asks.
     */
    public Onboarding onboard(Caller caller) {
        Tenant tenant = caller.tenant();
        if (!provider.configured()) {
            throw new Refusal(Refusal.Kind.UNAVAILABLE, ErrorCode.PAYMENTS_UNAVAILABLE, "Stripe is not configured on this platform");
        }
        String mode = provider.livemode() ? "live" : "test";
        Optional<ConnectionLine> existing = repository.findConnection(provider.livemode());
        String accountId;
        if (existing.isPresent()) {
            accountId = existing.get().accountId();
        } else {
            PaymentProvider.AccountState account = ask(() -> provider.createAccount("hearth-account-" + tenant.id().value() + "-" + mode, tenant.name(),
                    tenant.adminEmail(), Map.of("hearth_tenant", tenant.id().value().toString())));
            accountId = account.id();
            recordAccount(tenant, accountId, caller);
        }
        long window = clock.instant().getEpochSecond() / 60;
        String url = ask(() -> provider.accountLink(accountId, "hearth-account-link-" + accountId + "-" + window,
                links.to(tenant, "/admin/payments?stripe=refresh"), links.to(tenant, "/admin/payments?stripe=return")));
        return new Onboarding(url, connection(caller));
    }

    @Transactional
    void recordAccount(Tenant tenant, String accountId, Caller caller) {
        accounts.record(accountId, tenant.id(), provider.livemode());
        repository.insertConnection(accountId, provider.livemode());
        outbox.publish(new PaymentEvent.StripeAccountCreated(tenant.id(), accountId, provider.livemode(), caller.person()));
        audit.byCaller(caller, AuditAction.STRIPE_CONNECT_STARTED, null, Map.of("account", accountId));
    }

    /**
     * Applies the account's state as Stripe gave it, unless a newer state was applied already (events arrive in any
     * order). Publishes the change of status.
     */
    void apply(Tenant tenant, PaymentProvider.AccountState account, Instant stateAt) {
        Optional<ConnectionLine> before = repository.findConnection(provider.livemode()).filter(line -> line.accountId().equals(account.id()));
        if (before.isEmpty()) {
            return;
        }
        Status status = account.chargesEnabled() ? Status.READY
                : account.disabledReason() != null && account.detailsSubmitted() ? Status.RESTRICTED
                : account.disabledReason() != null && !account.disabledReason().startsWith("requirements.") ? Status.RESTRICTED
                : Status.PENDING;
        String reason = status == Status.READY ? null : reasonOf(account);
        int applied = repository.updateConnection(account.id(), status.name(), reason, account.chargesEnabled(), account.payoutsEnabled(),
                account.detailsSubmitted(), stateAt);
        if (applied == 1 && !status.name().equals(before.get().status())) {
            outbox.publish(new PaymentEvent.StripeAccountStatusChanged(tenant.id(), account.id(), status.name(), reason));
        }
    }

    private static String reasonOf(PaymentProvider.AccountState account) {
        List<String> due = account.currentlyDue();
        String reason = account.disabledReason() == null ? "onboarding not finished" : account.disabledReason();
        return due.isEmpty() ? reason : reason + " (due: " + String.join(", ", due.subList(0, Math.min(5, due.size()))) + ")";
    }

    private static Connection view(ConnectionLine line) {
        return new Connection(Status.valueOf(line.status()), line.accountId(), line.livemode(), line.chargesEnabled(), line.payoutsEnabled(),
                line.detailsSubmitted(), line.restrictedReason());
    }

    /** A call to Stripe, its failure said to the caller as a problem, never a 500. */
    static <T> T ask(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (PaymentProvider.ProviderFailure e) {
            if (e.isTransient()) {
                throw new Refusal(Refusal.Kind.UNAVAILABLE, ErrorCode.PAYMENTS_UNAVAILABLE, "Stripe cannot be reached now: try again in a minute");
            }
            throw new Refusal(Refusal.Kind.CONFLICT, ErrorCode.PAYMENTS_NOT_READY, "Stripe refused: " + e.getCause().getMessage());
        }
    }
}
