package io.hearth.admin.tenants;

import io.hearth.admin.tenants.internal.PlanRepository;
import io.hearth.admin.tenants.internal.PlanRow;
import io.hearth.admin.tenants.internal.TenantRepository;
import io.hearth.admin.tenants.internal.TenantRow;
import io.hearth.kit.Refusal;
import io.hearth.kit.outbox.Outbox;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The plans operators offer and their fees. A change of a plan's fee tells app, for every organisation on the
 * plan, in the same transaction (outbox): the new fee applies to payments started after it.
 */
@Singleton
public class Plans {

    private final PlanRepository plans;
    private final TenantRepository tenants;
    private final Outbox outbox;

    public Plans(PlanRepository plans, TenantRepository tenants, Outbox outbox) {
        this.plans = plans;
        this.tenants = tenants;
        this.outbox = outbox;
    }

    public List<Plan> all() {
        return plans.findAllOrdered().stream().map(Plans::view).toList();
    }

    public Optional<Plan> find(String code) {
        return plans.findById(code).map(Plans::view);
    }

    /** Creates or changes a plan. */
    @Transactional
    public Plan save(String code, String name, BigDecimal feePercent, long feeFixedCents) {
        if (!code.matches("[a-z][a-z0-9-]{1,29}")) {
            throw Refusal.invalid("code", "must be 2 to 30 lowercase letters, digits or hyphens, starting with a letter");
        }
        if (feePercent.scale() > 2) {
            throw Refusal.invalid("feePercent", "has at most two decimals");
        }
        Optional<PlanRow> before = plans.lock(code);
        PlanRow row = new PlanRow(code, name.strip(), feePercent, feeFixedCents, Instant.now());
        if (before.isPresent()) {
            plans.update(row);
        } else {
            plans.save(row);
        }
        boolean feeChanged = before.isEmpty() || before.get().feePercent().compareTo(feePercent) != 0 || before.get().feeFixedCents() != feeFixedCents;
        if (feeChanged) {
            for (TenantRow tenant : tenants.findOnPlan(code)) {
                outbox.publish(new LifecycleEvent.TenantPlanChanged(tenant.id(), tenant.slug(), code, feePercent, feeFixedCents));
            }
        }
        return view(row);
    }

    /** The plan by its code, or a refusal naming the plans there are. */
    Plan require(String code) {
        return find(code).orElseThrow(() -> Refusal.invalid("plan", "must be one of " + all().stream().map(Plan::code).toList()));
    }

    private static Plan view(PlanRow row) {
        return new Plan(row.code(), row.name(), row.feePercent(), row.feeFixedCents());
    }
}
