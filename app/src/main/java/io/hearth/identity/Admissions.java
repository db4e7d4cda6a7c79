package io.hearth.identity;

import io.hearth.identity.internal.AdmissionLine;
import io.hearth.kit.data.AfterCommit;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import io.hearth.tenancy.TenantId;
import io.hearth.tenancy.TenantSql;
import io.hearth.web.AppRedis;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a signed-in request needs of its caller (his status, second factor, grants, and the organisation's settings),
 * remembered per instance and checked on every request against versions kept in Redis. The request's one Redis
 * round trip ({@link AppRedis#flagVersionsHit}) already reads the ended-session flag and the rate counter; it also
 * reads the man's version and the organisation's. A remembered admission counts only while both are the ones it was
 * read under; anything that changes what it holds gives the version a new value after its transaction commits
 * ({@link #personChanged}, {@link #organisationChanged}), before its answer leaves. So a revoked role, a deactivation
 * or a changed setting counts on the very next request on every instance, and a request reads the database only
 * when something changed. A grant's end is kept with it: a grant that runs out stops counting on time without any
 * change. A version missing from Redis (expired, or Redis restarted) is given a fresh value, so nothing remembered
 * before counts; and nothing is remembered longer than {@code hearth.identity.admission-max-age} whatever happens.
 *
 * <p>If Redis cannot take a new version after a commit, signed-in requests cannot be admitted either (they need the
 * same Redis); the new version is kept and sent again every second until Redis takes it.
 */
@TenantBound
@Singleton
public class Admissions {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Admissions.class);
    static final int REMEMBERED = 100_000;
    static final Duration VERSION_TTL = Duration.ofDays(1);

    static final String LOAD = """
            select p.id, p.status, p.mfa_enabled,
                   array(select g.role || coalesce('@' || cast(floor(extract(epoch from g.valid_until) * 1000) as bigint), '')
                           from role_grants g
                          where g.person_id = p.id and g.revoked_at is null and (g.valid_until is null or g.valid_until > now())) as grants,
                   s.registration_mode, s.mfa_required_roles, s.api_requests_per_minute, s.time_zone, s.brand_colour, s.language
              from people p cross join organisation_settings s
             where p.id = ?""";

    private record Grant(Role role, long untilMillis) {
        boolean liveAt(long now) {
            return untilMillis == 0 || untilMillis > now;
        }
    }

    private record Known(String personVersion, String organisationVersion, long readAtMillis, UUID person, PersonStatus status,
                         boolean mfaEnabled, List<Grant> grants, OrganisationSettings settings) {
    }

    private record Key(TenantId tenant, UUID person) {
    }

    private final TenantSql sql;
    private final AppRedis redis;
    private final AfterCommit afterCommit;
    private final Clock clock;
    private final long maxAgeMillis;
    private final Map<Key, Known> known = new ConcurrentHashMap<>();
    /** New versions Redis could not take yet: key to value. */
    private final Map<String, String> unsent = new ConcurrentHashMap<>();

    public Admissions(TenantSql sql, AppRedis redis, AfterCommit afterCommit, Clock clock,
                      @Value("${hearth.identity.admission-max-age:30s}") Duration maxAge) {
        this.sql = sql;
        this.redis = redis;
        this.afterCommit = afterCommit;
        this.clock = clock;
        this.maxAgeMillis = maxAge.toMillis();
    }

    /** The Redis keys of the versions a request reads, in this order: the man's, then the organisation's. */
    public static List<String> versionKeys(TenantId tenant, UUID person) {
        return List.of(personKey(tenant, person), organisationKey(tenant));
    }

    /** This instance's prefix for the values it gives versions: random once, so that no two instances or runs give the same. */
    private static final String INSTANCE = UUID.randomUUID().toString();
    private static final java.util.concurrent.atomic.AtomicLong NEXT = new java.util.concurrent.atomic.AtomicLong();

    /**
     * Fresh values for version keys Redis does not have, in {@link #versionKeys}' order: unique without a call to
     * SecureRandom on every request (most requests find both keys and use neither).
     */
    public static List<String> freshVersions() {
        long n = NEXT.getAndAdd(2);
        return List.of(INSTANCE + ":" + n, INSTANCE + ":" + (n + 1));
    }

    public static Duration versionTtl() {
        return VERSION_TTL;
    }

    /**
     * The caller's admission in the tenant in scope, given the versions this request read from Redis (as
     * {@link #versionKeys} orders them): remembered if they match, else read in one statement and remembered.
     */
    public Optional<People.Admission> admission(Tenant tenant, UUID person, List<String> versions) {
        Key key = new Key(tenant.id(), person);
        long now = clock.millis();
        Known remembered = known.get(key);
        if (remembered == null || !remembered.personVersion().equals(versions.get(0)) || !remembered.organisationVersion().equals(versions.get(1))
                || now - remembered.readAtMillis() > maxAgeMillis) {
            Optional<Known> read = read(person, versions, now);
            if (read.isEmpty()) {
                known.remove(key);
                return Optional.empty();
            }
            remembered = read.get();
            remember(key, remembered);
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (Grant grant : remembered.grants()) {
            if (grant.liveAt(now)) {
                roles.add(grant.role());
            }
        }
        return Optional.of(new People.Admission(remembered.person(), remembered.status(), remembered.mfaEnabled(), roles, remembered.settings()));
    }

    /**
     * His status, second factor or grants have just been written: call it after the write. Once the write's
     * transaction commits (at once, outside one), nothing remembered of him counts.
     */
    public void personChanged(Tenant tenant, UUID person) {
        TenantId id = tenant.id();
        afterCommit(personKey(id, person), () -> known.remove(new Key(id, person)));
    }

    /** The organisation's settings have just been written (call it after the write): once that commits, nothing remembered in it counts. */
    public void organisationChanged(Tenant tenant) {
        TenantId id = tenant.id();
        afterCommit(organisationKey(id), () -> known.keySet().removeIf(key -> key.tenant().equals(id)));
    }

    private void afterCommit(String versionKey, Runnable forgetHere) {
        Runnable change = () -> {
            forgetHere.run();
            send(versionKey, INSTANCE + ":" + NEXT.getAndIncrement());
        };
        afterCommit.run(change);
    }

    private void send(String versionKey, String value) {
        try {
            redis.newVersion(versionKey, value, VERSION_TTL);
            unsent.remove(versionKey, value);
        } catch (RuntimeException e) {
            // Committed, but Redis did not take it: requests cannot be admitted without this Redis either. Sent again below.
            unsent.put(versionKey, value);
            LOG.error("Redis did not take the new admission version {}; sending it again every second", versionKey, e);
        }
    }

    @Scheduled(fixedDelay = "1s")
    void sendAgain() {
        unsent.forEach(this::send);
    }

    private Optional<Known> read(UUID person, List<String> versions, long now) {
        return sql.first(LOAD, AdmissionLine.class, person).map(line -> {
            List<Grant> grants = new ArrayList<>(line.grants().length);
            for (String grant : line.grants()) {
                int at = grant.indexOf('@');
                grants.add(at < 0 ? new Grant(Role.valueOf(grant), 0) : new Grant(Role.valueOf(grant.substring(0, at)), Long.parseLong(grant.substring(at + 1))));
            }
            return new Known(versions.get(0), versions.get(1), now, line.id(), PersonStatus.valueOf(line.status()), line.mfaEnabled(), List.copyOf(grants),
                    People.settingsOf(line.registrationMode(), line.mfaRequiredRoles(), line.apiRequestsPerMinute(), line.timeZone(), line.brandColour(), line.language()));
        });
    }

    private void remember(Key key, Known entry) {
        if (known.size() >= REMEMBERED) {
            known.clear();
        }
        known.put(key, entry);
    }

    static String personKey(TenantId tenant, UUID person) {
        return "admission:" + tenant.value() + ":" + person;
    }

    static String organisationKey(TenantId tenant) {
        return "admission:" + tenant.value();
    }
}
