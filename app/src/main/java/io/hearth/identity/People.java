package io.hearth.identity;

import io.hearth.crypto.FieldCipher;
import io.hearth.tenancy.ForTenant;
import io.hearth.identity.internal.GrantRepository;
import io.hearth.identity.internal.GrantRow;
import io.hearth.identity.internal.PersonRepository;
import io.hearth.identity.internal.PersonRow;
import io.hearth.identity.internal.SettingsRepository;
import io.hearth.identity.internal.SettingsRow;
import io.hearth.tenancy.OrganisationTimeZone;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import jakarta.inject.Singleton;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Reads people, the roles they hold now and the organisation's settings, in the tenant in scope. */
@TenantBound
@Singleton
public class People implements OrganisationTimeZone {

    private final PersonRepository persons;
    private final GrantRepository grants;
    private final SettingsRepository settings;
    private final Admissions admissions;
    private final FieldCipher cipher;

    public People(PersonRepository persons, GrantRepository grants, SettingsRepository settings, Admissions admissions, FieldCipher cipher) {
        this.admissions = admissions;
        this.cipher = cipher;
        this.persons = persons;
        this.grants = grants;
        this.settings = settings;
    }

    /** What every signed-in request needs to know of its caller: whether he is active, his second factor, his live roles, the settings. */
    public record Admission(UUID person, PersonStatus status, boolean mfaEnabled, Set<Role> roles, OrganisationSettings settings) {
    }

    /** The person, for who asks. */
    public Optional<PersonRow> find(ForTenant who, UUID id) {
        return find(id);
    }

    Optional<PersonRow> find(UUID id) {
        return persons.findById(id);
    }

    /** Who has this address in the organisation in scope (an erased man has none): for reports that come back about mail. */
    public Optional<UUID> withEmail(String address) {
        return persons.findByEmail(address.strip()).filter(row -> !PersonStatus.ERASED.name().equals(row.status())).map(PersonRow::id);
    }

    /** His email address, for the features that address him (payments' receipts and Checkout). */
    public Optional<String> emailOf(UUID id) {
        return find(id).map(PersonRow::email);
    }

    /** Whether this is an active member of the organisation in scope: for features that name people (facilitators, staff, sponsors). */
    public boolean isActive(UUID id) {
        return persons.findById(id).filter(row -> PersonStatus.ACTIVE.name().equals(row.status())).isPresent();
    }

    public Optional<PersonRow> findByEmail(String email) {
        return persons.findByEmail(email);
    }

    /** The roles that count now: granted, not revoked, not past their end. */
    public Set<Role> liveRoles(ForTenant who, UUID person) {
        return liveRoles(person);
    }

    Set<Role> liveRoles(UUID person) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (GrantRow grant : grants.findLive(person)) {
            roles.add(Role.valueOf(grant.role()));
        }
        return roles;
    }

    /**
     * How to reach a man, for notifications: his name, address and which channels he proved are his.
     *
     * @param active only an active man is notified (not one pending, deactivated or erased)
     * @param language the language Hearth writes to him in: his own, else the organisation's
     */
    public record Contact(UUID person, String name, String email, boolean emailVerified, boolean phoneVerified, boolean active,
                          java.util.Locale language) {
    }

    /** Contacts of many people in one query (absent when there is no such person). */
    public java.util.Map<UUID, Contact> contacts(java.util.Collection<UUID> people) {
        java.util.Map<UUID, Contact> contacts = new java.util.HashMap<>();
        if (!people.isEmpty()) {
            String organisation = settings().language();
            for (PersonRow row : persons.findAllOf(people)) {
                contacts.put(row.id(), new Contact(row.id(), (row.firstName() + " " + row.lastName()).strip(), row.email(),
                        row.emailVerifiedAt() != null, row.phoneVerifiedAt() != null, PersonStatus.ACTIVE.name().equals(row.status()),
                        io.hearth.messaging.Languages.locale(row.language() != null ? row.language() : organisation)));
            }
        }
        return contacts;
    }

    /** The verified phone numbers of many men in one query (a man without one is absent). */
    public java.util.Map<UUID, String> verifiedPhones(Tenant tenant, java.util.Collection<UUID> people) {
        java.util.Map<UUID, String> phones = new java.util.HashMap<>();
        if (!people.isEmpty()) {
            for (PersonRow row : persons.findAllOf(people)) {
                if (row.phoneVerifiedAt() != null && row.sealedPhone() != null) {
                    phones.put(row.id(), cipher.open(row.sealedPhone(), Accounts.phoneAad(tenant, row.id())));
                }
            }
        }
        return phones;
    }

    /**
     * The men whose verified phone is this number (usually one; a shared phone is possible). Numbers are sealed at rest
     * with nothing to look one up by, so every verified one of the organisation is opened: for the rare text a man
     * sends to the platform (STOP, START, HELP), not for anything frequent.
     */
    public java.util.List<UUID> withVerifiedPhone(Tenant tenant, String phone) {
        String wanted = phone.strip();
        return persons.withVerifiedPhone().stream()
                .filter(row -> wanted.equals(cipher.open(row.sealedPhone(), Accounts.phoneAad(tenant, row.id())).strip()))
                .map(PersonRow::id).toList();
    }

    /** Everyone active in the organisation in scope. */
    public java.util.List<UUID> active() {
        return persons.activeIds();
    }

    /** The active holders of a role now. */
    public java.util.List<UUID> holders(Role role) {
        return persons.activeHolders(role.name());
    }

    /** Names of many people in one query: person -> "First Last" (absent when there is no such person). */
    public java.util.Map<UUID, String> names(java.util.Collection<UUID> people) {
        java.util.Map<UUID, String> names = new java.util.HashMap<>();
        if (!people.isEmpty()) {
            for (PersonRow person : persons.findAllOf(people)) {
                names.put(person.id(), (person.firstName() + " " + person.lastName()).strip());
            }
        }
        return names;
    }

    /**
     * The time zones of many men in one query: his own where he chose one, else the organisation's (a man who is
     * not there gets the organisation's too). Quiet hours and digests are read in it.
     */
    public java.util.Map<UUID, java.time.ZoneId> timeZonesOf(java.util.Collection<UUID> people) {
        java.time.ZoneId organisation = java.time.ZoneId.of(timeZone());
        java.util.Map<UUID, java.time.ZoneId> zones = new java.util.HashMap<>();
        people.forEach(person -> zones.put(person, organisation));
        if (!people.isEmpty()) {
            for (PersonRow row : persons.findAllOf(people)) {
                if (row.timeZone() != null) {
                    zones.put(row.id(), java.time.ZoneId.of(row.timeZone()));
                }
            }
        }
        return zones;
    }

    /**
     * The languages of many men in one query: his own where he chose one, else the organisation's (a man who is not
     * there gets the organisation's too). What Hearth tells him is said in it.
     */
    public java.util.Map<UUID, java.util.Locale> languagesOf(java.util.Collection<UUID> people) {
        return languages(contacts(people), language(), people);
    }

    /** The languages of these contacts, read already; a man without one (gone) gets {@code fallback}. */
    public static java.util.Map<UUID, java.util.Locale> languages(java.util.Map<UUID, Contact> contacts, java.util.Locale fallback,
                                                                  java.util.Collection<UUID> people) {
        java.util.Map<UUID, java.util.Locale> languages = new java.util.HashMap<>();
        people.forEach(person -> languages.put(person, contacts.containsKey(person) ? contacts.get(person).language() : fallback));
        return languages;
    }

    /** The language of the organisation in scope, read fresh: what it says to men it has no language for. */
    public java.util.Locale language() {
        return io.hearth.messaging.Languages.locale(settings().language());
    }

    /** Live roles of many people in one query: person -> roles (empty set for none). */
    public java.util.Map<UUID, Set<Role>> liveRoles(ForTenant who, java.util.Collection<UUID> people) {
        java.util.Map<UUID, Set<Role>> roles = new java.util.HashMap<>();
        people.forEach(person -> roles.put(person, EnumSet.noneOf(Role.class)));
        if (!people.isEmpty()) {
            for (GrantRow grant : grants.findLiveFor(people)) {
                roles.get(grant.personId()).add(Role.valueOf(grant.role()));
            }
        }
        return roles;
    }

    /** The organisation's settings, for who asks. */
    public OrganisationSettings settings(ForTenant who) {
        return settings();
    }

    OrganisationSettings settings() {
        SettingsRow row = settings.findById(true).orElseThrow(() -> new IllegalStateException("organisation_settings has no row"));
        return settingsOf(row.registrationMode(), row.mfaRequiredRoles(), row.apiRequestsPerMinute(), row.timeZone(), row.brandColour(), row.language());
    }

    /** Read fresh: the zone of the organisation in scope, for tenancy's organisation endpoint. */
    @Override
    public String timeZone() {
        return settings().timeZone();
    }

    /** Read fresh: the organisation's own colour (#rrggbb) for its mail, absent when it keeps Hearth's. */
    public Optional<String> brandColour() {
        return Optional.ofNullable(settings().brandColour());
    }

    static OrganisationSettings settingsOf(String registrationMode, String[] mfaRequiredRoles, int apiRequestsPerMinute, String timeZone,
                                           @io.micronaut.core.annotation.Nullable String brandColour, String language) {
        Set<Role> mfaRoles = EnumSet.noneOf(Role.class);
        Arrays.stream(mfaRequiredRoles).map(Role::valueOf).forEach(mfaRoles::add);
        return new OrganisationSettings(OrganisationSettings.RegistrationMode.valueOf(registrationMode), mfaRoles, apiRequestsPerMinute, timeZone, brandColour, language);
    }

    public void saveSettings(Tenant tenant, OrganisationSettings value) {
        settings.update(new SettingsRow(true, value.registrationMode().name(),
                value.mfaRequiredRoles().stream().map(Role::name).sorted().toArray(String[]::new), value.apiRequestsPerMinute(),
                OrganisationSettings.timeZoneOf(value.timeZone()), OrganisationSettings.colourOf(value.brandColour()),
                OrganisationSettings.languageOf(value.language())));
        admissions.organisationChanged(tenant);
    }
}
