package io.hearth.gatherings;

import io.hearth.tenancy.TenantBound;
import io.hearth.identity.Caller;
import io.hearth.gatherings.internal.ReferralRepository;
import jakarta.inject.Singleton;

import java.util.List;

/** Who brought new men to the organisation's events. */
@TenantBound
@Singleton
public class Referrals {

    private final ReferralRepository repository;

    public Referrals(ReferralRepository repository) {
        this.repository = repository;
    }

    /** Referrals per member: how many registrations named him as the one who brought them (cancelled ones excluded). */
    public List<Registrations.Referral> referrals(Caller caller) {
        return repository.findAll().stream()
                .map(line -> new Registrations.Referral(line.personId(), line.firstName(), line.lastName(), line.referrals()))
                .toList();
    }
}
