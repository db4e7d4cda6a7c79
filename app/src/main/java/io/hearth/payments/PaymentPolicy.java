package io.hearth.payments;

import io.hearth.identity.Audit;
import io.hearth.identity.AuditAction;
import io.hearth.identity.Caller;
import io.hearth.payments.internal.PaymentRepository;
import io.hearth.tenancy.TenantBound;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.inject.Singleton;

import java.util.Map;

/** The organisation's rules for money that the platform does not decide. */
@TenantBound
@Singleton
public class PaymentPolicy {

    /** What a lapsed instalment plan does to the seat before the event's cancellation cutoff. */
    @Schema(name = "LapsedPlan")
    public enum LapsedPlan { KEEP, RELEASE }

    @Schema(name = "PaymentPolicy")
    @Serdeable
    public record Policy(LapsedPlan lapsedPlan) {
    }

    private final PaymentRepository payments;
    private final Audit audit;

    public PaymentPolicy(PaymentRepository payments, Audit audit) {
        this.payments = payments;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    public Policy get(Caller caller) {
        return new Policy(LapsedPlan.valueOf(payments.lapsedPlanPolicy()));
    }

    @Transactional
    public Policy set(Caller caller, Policy policy) {
        payments.setLapsedPlanPolicy(policy.lapsedPlan().name());
        audit.byCaller(caller, AuditAction.SETTINGS_CHANGED, null, Map.of("lapsedPlan", policy.lapsedPlan().name()));
        return get(caller);
    }
}
