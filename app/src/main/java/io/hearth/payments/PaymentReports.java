package io.hearth.payments;

import io.hearth.tenancy.TenantBound;
import io.hearth.identity.Caller;
import io.hearth.payments.internal.MonthLine;
import io.hearth.payments.internal.PaymentRepository;
import io.hearth.payments.internal.PlanLine;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Leadership's view of the money: per month, payments in, refunds out, the platform's fees, and the instalments
 * still to come (what open plans will take, month by month).
 */
@TenantBound
@Singleton
public class PaymentReports {

    @Schema(name = "PaymentMonth")
    @Serdeable
    public record Month(String month, String currency, long payments, long paidCents, long refundedCents, long feeCents, long outstandingInstalmentsCents) {
    }

    @Schema(name = "PaymentReport")
    @Serdeable
    public record Report(int months, List<Month> rows) {
    }

    private final PaymentRepository payments;
    private final Clock clock;

    public PaymentReports(PaymentRepository payments, Clock clock) {
        this.payments = payments;
        this.clock = clock;
    }

    /** The last {@code months} months, and the months ahead in which open plans still have instalments due. */
    @Transactional(readOnly = true)
    public Report monthly(Caller caller, int months) {
        YearMonth now = YearMonth.now(clock.withZone(ZoneOffset.UTC));
        Instant from = now.minusMonths(months - 1L).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<String, long[]> byKey = new TreeMap<>();
        for (MonthLine line : payments.monthly(from)) {
            byKey.put(line.month() + " " + line.currency(), new long[]{line.payments(), line.paidCents(), line.refundedCents(), line.feeCents(), 0});
        }
        for (PlanLine plan : payments.openPlans()) {
            long each = plan.amountCents() / plan.instalments();
            Instant next = plan.nextInstalmentAt() == null ? clock.instant() : plan.nextInstalmentAt();
            YearMonth due = YearMonth.from(next.atOffset(ZoneOffset.UTC));
            for (int i = plan.instalmentsPaid(); i < plan.instalments(); i++) {
                // A month already behind is still owed: it counts in this month.
                YearMonth month = due.isBefore(now) ? now : due;
                byKey.computeIfAbsent(month + " " + plan.currency(), k -> new long[5])[4] += each;
                due = due.plusMonths(1);
            }
        }
        List<Month> rows = new ArrayList<>();
        byKey.forEach((key, v) -> {
            String[] parts = key.split(" ");
            rows.add(new Month(parts[0], parts[1], v[0], v[1], v[2], v[3], v[4]));
        });
        return new Report(months, rows);
    }

    /** The same as CSV, for a spreadsheet. */
    public String csv(Caller caller, int months) {
        StringBuilder csv = new StringBuilder("month,currency,payments,paid,refunded,platform_fees,outstanding_instalments\n");
        for (Month row : monthly(caller, months).rows()) {
            csv.append(row.month()).append(',').append(row.currency()).append(',').append(row.payments()).append(',')
                    .append(decimal(row.paidCents())).append(',').append(decimal(row.refundedCents())).append(',').append(decimal(row.feeCents()))
                    .append(',').append(decimal(row.outstandingInstalmentsCents())).append('\n');
        }
        return csv.toString();
    }

    private static String decimal(long cents) {
        return java.math.BigDecimal.valueOf(cents, 2).toPlainString();
    }
}
