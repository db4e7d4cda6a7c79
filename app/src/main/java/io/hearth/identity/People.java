package io.hearth.identity;

import io.hearth.identity.internal.GrantRepository;
import io.hearth.identity.internal.GrantRow;
import io.hearth.identity.internal.PersonRepository;
import io.hearth.identity.internal.PersonRow;
import io.hearth.identity.internal.SettingsRepository;
import io.hearth.identity.internal.SettingsRow;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Reads people, the roles they hold now and the organisation's settings, in the tenant in scope. */
@Singleton
public class People {

    private final PersonRepository persons;
    private final GrantRepository grants;
    private final SettingsRepository settings;

    public People(PersonRepository persons, GrantRepository grants, SettingsRepository settings) {
        this.persons = persons;
        this.grants = grants;
        this.settings = settings;
    }

    /** What every signed-in request needs to know of its caller: his row, his live roles and the organisation's settings. */
    public record Admission(PersonRow person, Set<Role> roles, OrganisationSettings settings) {
    }

    /** The three reads of an admission in one read-only transaction (one connection, one round of schema setting). */
    @Transactional(readOnly = true)
    public Optional<Admission> admission(UUID id) {
        return persons.findById(id).map(person -> new Admission(person, liveRoles(id), settings()));
    }

    public Optional<PersonRow> find(UUID id) {
        return persons.findById(id);
    }

    /** Whether this is an active member of the organisation in scope: for features that name people (facilitators, staff, sponsors). */
    public boolean isActive(UUID id) {
        return persons.findById(id).filter(row -> PersonStatus.ACTIVE.name().equals(row.status())).isPresent();
    }

    public Optional<PersonRow> findByEmail(String email) {
        return persons.findByEmail(email);
    }

    /** The roles that count now: granted, not revoked, not past their end. */
    public Set<Role> liveRoles(UUID person) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (GrantRow grant : grants.findLive(person)) {
            roles.add(Role.valueOf(grant.role()));
        }
        return roles;
    }

    /** Live roles of many people in one query: person -> roles (empty set for none). */
    public java.util.Map<UUID, Set<Role>> liveRoles(java.util.Collection<UUID> people) {
        java.util.Map<UUID, Set<Role>> roles = new java.util.HashMap<>();
        people.forEach(person -> roles.put(person, EnumSet.noneOf(Role.class)));
        if (!people.isEmpty()) {
            for (GrantRow grant : grants.findLiveFor(people)) {
                roles.get(grant.personId()).add(Role.valueOf(grant.role()));
            }
        }
        return roles;
    }

    public OrganisationSettings settings() {
        SettingsRow row = settings.findById(true).orElseThrow(() -> new IllegalStateException("organisation_settings has no row"));
        Set<Role> mfaRoles = EnumSet.noneOf(Role.class);
        Arrays.stream(row.mfaRequiredRoles()).map(Role::valueOf).forEach(mfaRoles::add);
        return new OrganisationSettings(OrganisationSettings.RegistrationMode.valueOf(row.registrationMode()), mfaRoles,
                row.apiRequestsPerMinute());
    }

    public void saveSettings(OrganisationSettings value) {
        settings.update(new SettingsRow(true, value.registrationMode().name(),
                value.mfaRequiredRoles().stream().map(Role::name).sorted().toArray(String[]::new), value.apiRequestsPerMinute()));
    }
}
