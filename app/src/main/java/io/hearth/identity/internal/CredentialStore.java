package io.hearth.identity.internal;

import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.TransactionOperations;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The credentials database: password hashes, refresh tokens, single-use tokens, TOTP secrets, recovery codes and
 * OpenID links, apart from the organisations' schemas (its own datasource, {@code credentials}, which may point at
 * another server). Every row carries the tenant, and every query names it. Plain JDBC because these tables are
 * keyed by tenant, not in a tenant's schema: Micronaut Data's schema-per-tenant mode would move every repository
 * query into the tenant's schema, where they are not.
 */
@Singleton
public class CredentialStore {

    private final TransactionOperations<Connection> tx;

    /** The credentials database is migrated when its datasource is created (DatabaseMigrations). */
    public CredentialStore(@Named("credentials") TransactionOperations<Connection> tx) {
        this.tx = tx;
    }

    // Passwords

    public void setPassword(UUID tenant, UUID person, String hash) {
        write("insert into passwords (tenant_id, person_id, hash, changed_at) values (?, ?, ?, now()) "
                + "on conflict (tenant_id, person_id) do update set hash = excluded.hash, changed_at = now()", tenant, person, hash);
    }

    public Optional<String> passwordHash(UUID tenant, UUID person) {
        return tx.executeRead(status -> queryString(status.getConnection(),
                "select hash from passwords where tenant_id = ? and person_id = ?", tenant, person));
    }

    // Refresh tokens

    public void addRefreshToken(UUID tenant, UUID person, UUID family, String tokenHash, Instant expiresAt, String userAgent) {
        write("insert into refresh_tokens (id, tenant_id, person_id, family_id, token_hash, expires_at, user_agent) values (?, ?, ?, ?, ?, ?, ?)",
                UUID.randomUUID(), tenant, person, family, tokenHash, Timestamp.from(expiresAt), userAgent);
    }

    /** The outcome of presenting a refresh token. */
    public sealed interface Rotation {
        record Rotated(UUID person, UUID family) implements Rotation {
        }

        /** The token had been used already: its whole family is now revoked. */
        record Reused(UUID person, UUID family) implements Rotation {
        }

        record Invalid() implements Rotation {
        }
    }

    /**
     * Uses the token once: marks it used and stores its successor in the same family, atomically. A token used
     * before revokes the family, so a stolen token and its legitimate twin both stop working.
     */
    public Rotation rotate(UUID tenant, String tokenHash, String newTokenHash, Instant newExpiresAt, String userAgent) {
        return tx.executeWrite(status -> {
            Connection c = status.getConnection();
            try (PreparedStatement select = c.prepareStatement(
                    "select person_id, family_id, used_at, revoked_at, expires_at from refresh_tokens where token_hash = ? and tenant_id = ? for update")) {
                bind(select, tokenHash, tenant);
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        return new Rotation.Invalid();
                    }
                    UUID person = rs.getObject(1, UUID.class);
                    UUID family = rs.getObject(2, UUID.class);
                    boolean used = rs.getTimestamp(3) != null;
                    boolean revoked = rs.getTimestamp(4) != null;
                    boolean expired = !rs.getTimestamp(5).toInstant().isAfter(Instant.now());
                    if (used) {
                        update(c, "update refresh_tokens set revoked_at = now() where family_id = ? and revoked_at is null", family);
                        return new Rotation.Reused(person, family);
                    }
                    if (revoked || expired) {
                        return new Rotation.Invalid();
                    }
                    update(c, "update refresh_tokens set used_at = now() where token_hash = ?", tokenHash);
                    update(c, "insert into refresh_tokens (id, tenant_id, person_id, family_id, token_hash, expires_at, user_agent) values (?, ?, ?, ?, ?, ?, ?)",
                            UUID.randomUUID(), tenant, person, family, newTokenHash, Timestamp.from(newExpiresAt), userAgent);
                    return new Rotation.Rotated(person, family);
                }
            } catch (SQLException e) {
                throw new DataAccessException("could not rotate a refresh token", e);
            }
        });
    }

    /** The family of an unused, unrevoked token, if the token is one. */
    public Optional<UUID> familyOf(UUID tenant, String tokenHash) {
        return tx.executeRead(status -> {
            try (PreparedStatement s = status.getConnection().prepareStatement(
                    "select family_id from refresh_tokens where token_hash = ? and tenant_id = ?")) {
                bind(s, tokenHash, tenant);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getObject(1, UUID.class)) : Optional.empty();
                }
            } catch (SQLException e) {
                throw new DataAccessException("could not read a refresh token", e);
            }
        });
    }

    public void revokeFamily(UUID tenant, UUID family) {
        write("update refresh_tokens set revoked_at = now() where tenant_id = ? and family_id = ? and revoked_at is null", tenant, family);
    }

    /** Revokes every session of the person but the one given (null: all); returns the families revoked. */
    public List<UUID> revokeSessions(UUID tenant, UUID person, UUID keepFamily) {
        return tx.executeWrite(status -> {
            try (PreparedStatement s = status.getConnection().prepareStatement(
                    "update refresh_tokens set revoked_at = now() where tenant_id = ? and person_id = ? and revoked_at is null "
                            + "and (cast(? as uuid) is null or family_id <> ?) returning family_id")) {
                bind(s, tenant, person, keepFamily, keepFamily);
                List<UUID> families = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        families.add(rs.getObject(1, UUID.class));
                    }
                }
                return families.stream().distinct().toList();
            } catch (SQLException e) {
                throw new DataAccessException("could not revoke sessions", e);
            }
        });
    }

    /** Sign-ins that are still live, for the person's own export. */
    public List<SessionInfo> sessions(UUID tenant, UUID person) {
        return tx.executeRead(status -> {
            try (PreparedStatement s = status.getConnection().prepareStatement(
                    "select family_id, min(issued_at), max(expires_at), max(user_agent) from refresh_tokens "
                            + "where tenant_id = ? and person_id = ? and revoked_at is null group by family_id order by 2")) {
                bind(s, tenant, person);
                List<SessionInfo> sessions = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        sessions.add(new SessionInfo(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant(),
                                rs.getTimestamp(3).toInstant(), rs.getString(4)));
                    }
                }
                return sessions;
            } catch (SQLException e) {
                throw new DataAccessException("could not list sessions", e);
            }
        });
    }

    @Schema(name = "SessionInfo")
    @io.micronaut.serde.annotation.Serdeable
    public record SessionInfo(UUID id, Instant startedAt, Instant expiresAt, String userAgent) {
    }

    // Single-use tokens

    public void addOneTimeToken(UUID tenant, UUID person, String purpose, String tokenHash, Instant expiresAt) {
        write("insert into one_time_tokens (token_hash, tenant_id, person_id, purpose, expires_at) values (?, ?, ?, ?, ?)",
                tokenHash, tenant, person, purpose, Timestamp.from(expiresAt));
    }

    /** The person an unused, unexpired token of this purpose is for, without using it. */
    public Optional<UUID> peekOneTimeToken(UUID tenant, String purpose, String tokenHash) {
        return tx.executeRead(status -> queryString(status.getConnection(), "select person_id::text from one_time_tokens where token_hash = ? "
                + "and tenant_id = ? and purpose = ? and used_at is null and expires_at > now()", tokenHash, tenant, purpose)).map(UUID::fromString);
    }

    /** Uses a single-use token: the person it was for, if it is unused, unexpired and of this purpose. */
    public Optional<UUID> consumeOneTimeToken(UUID tenant, String purpose, String tokenHash) {
        return tx.executeWrite(status -> {
            Connection c = status.getConnection();
            Optional<String> person = queryString(c, "update one_time_tokens set used_at = now() where token_hash = ? and tenant_id = ? "
                    + "and purpose = ? and used_at is null and expires_at > now() returning person_id::text",
                    tokenHash, tenant, purpose);
            person.ifPresent(p -> update(c, "update one_time_tokens set used_at = now() where tenant_id = ? and person_id = ? and purpose = ? and used_at is null",
                    tenant, UUID.fromString(p), purpose));
            return person.map(UUID::fromString);
        });
    }

    // TOTP and recovery codes

    public void savePendingTotp(UUID tenant, UUID person, String sealedSecret) {
        write("insert into totp_secrets (tenant_id, person_id, sealed_secret) values (?, ?, ?) "
                + "on conflict (tenant_id, person_id) do update set sealed_secret = excluded.sealed_secret, confirmed_at = null, created_at = now()",
                tenant, person, sealedSecret);
    }

    public Optional<TotpSecret> totp(UUID tenant, UUID person) {
        return tx.executeRead(status -> {
            try (PreparedStatement s = status.getConnection().prepareStatement(
                    "select sealed_secret, confirmed_at from totp_secrets where tenant_id = ? and person_id = ?")) {
                bind(s, tenant, person);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(new TotpSecret(rs.getString(1), rs.getTimestamp(2) != null)) : Optional.empty();
                }
            } catch (SQLException e) {
                throw new DataAccessException("could not read a TOTP secret", e);
            }
        });
    }

    public record TotpSecret(String sealed, boolean confirmed) {
    }

    /** Confirms the secret and replaces any recovery codes with the given hashes, together. */
    public void confirmTotp(UUID tenant, UUID person, List<String> recoveryCodeHashes) {
        tx.executeWrite(status -> {
            Connection c = status.getConnection();
            update(c, "update totp_secrets set confirmed_at = now() where tenant_id = ? and person_id = ?", tenant, person);
            update(c, "delete from recovery_codes where tenant_id = ? and person_id = ?", tenant, person);
            for (String hash : recoveryCodeHashes) {
                update(c, "insert into recovery_codes (tenant_id, person_id, code_hash) values (?, ?, ?)", tenant, person, hash);
            }
            return null;
        });
    }

    public boolean consumeRecoveryCode(UUID tenant, UUID person, String codeHash) {
        return tx.executeWrite(status -> update(status.getConnection(),
                "update recovery_codes set used_at = now() where tenant_id = ? and person_id = ? and code_hash = ? and used_at is null",
                tenant, person, codeHash) == 1);
    }

    public int remainingRecoveryCodes(UUID tenant, UUID person) {
        return tx.executeRead(status -> queryString(status.getConnection(),
                "select count(*)::text from recovery_codes where tenant_id = ? and person_id = ? and used_at is null", tenant, person)
                .map(Integer::parseInt).orElse(0));
    }

    /** A second factor as stored, for copying it to an organisation made from another's backup. */
    public record StoredTotp(UUID person, String sealed, @io.micronaut.core.annotation.Nullable java.sql.Timestamp confirmedAt) {
    }

    public List<StoredTotp> totps(UUID tenant) {
        return tx.executeRead(status -> {
            List<StoredTotp> found = new java.util.ArrayList<>();
            try (PreparedStatement s = status.getConnection().prepareStatement(
                    "select person_id, sealed_secret, confirmed_at from totp_secrets where tenant_id = ?")) {
                bind(s, tenant);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        found.add(new StoredTotp(rs.getObject(1, UUID.class), rs.getString(2), rs.getTimestamp(3)));
                    }
                }
            } catch (SQLException e) {
                throw new DataAccessException("could not read TOTP secrets", e);
            }
            return found;
        });
    }

    /**
     * Gives the men of an organisation made from another's backup the credentials they had there: passwords, recovery
     * codes, sign-in links and (sealed again by the caller for the new organisation) second factors. Nothing already
     * there is overwritten; sessions and one-time links are not copied.
     */
    public void copyTo(UUID from, UUID to, java.util.Map<UUID, StoredTotp> resealed) {
        tx.executeWrite(status -> {
            Connection c = status.getConnection();
            update(c, "insert into passwords (tenant_id, person_id, hash, changed_at) select ?, person_id, hash, changed_at from passwords "
                    + "where tenant_id = ? on conflict do nothing", to, from);
            update(c, "insert into recovery_codes (tenant_id, person_id, code_hash, used_at) select ?, person_id, code_hash, used_at "
                    + "from recovery_codes where tenant_id = ? on conflict do nothing", to, from);
            update(c, "insert into oidc_links (tenant_id, provider, subject, person_id, email, linked_at) select ?, provider, subject, person_id, "
                    + "email, linked_at from oidc_links where tenant_id = ? on conflict do nothing", to, from);
            for (StoredTotp totp : resealed.values()) {
                update(c, "insert into totp_secrets (tenant_id, person_id, sealed_secret, confirmed_at) values (?, ?, ?, ?) on conflict do nothing",
                        to, totp.person(), totp.sealed(), totp.confirmedAt());
            }
            return null;
        });
    }

    // OpenID links

    public Optional<UUID> linkedPerson(UUID tenant, String provider, String subject) {
        return tx.executeRead(status -> queryString(status.getConnection(),
                "select person_id::text from oidc_links where tenant_id = ? and provider = ? and subject = ?", tenant, provider, subject)
                .map(UUID::fromString));
    }

    public void link(UUID tenant, String provider, String subject, UUID person, String email) {
        write("insert into oidc_links (tenant_id, provider, subject, person_id, email) values (?, ?, ?, ?, ?) on conflict do nothing",
                tenant, provider, subject, person, email);
    }

    public List<String> linkedProviders(UUID tenant, UUID person) {
        return tx.executeRead(status -> {
            try (PreparedStatement s = status.getConnection().prepareStatement(
                    "select provider from oidc_links where tenant_id = ? and person_id = ? order by provider")) {
                bind(s, tenant, person);
                List<String> providers = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        providers.add(rs.getString(1));
                    }
                }
                return providers;
            } catch (SQLException e) {
                throw new DataAccessException("could not list sign-in links", e);
            }
        });
    }

    /** Removes every credential of the person, for erasure. */
    public void eraseAll(UUID tenant, UUID person) {
        tx.executeWrite(status -> {
            Connection c = status.getConnection();
            for (String table : List.of("passwords", "refresh_tokens", "one_time_tokens", "totp_secrets", "recovery_codes", "oidc_links")) {
                update(c, "delete from " + table + " where tenant_id = ? and person_id = ?", tenant, person);
            }
            return null;
        });
    }

    private void write(String sql, Object... parameters) {
        tx.executeWrite(status -> update(status.getConnection(), sql, parameters));
    }

    private static int update(Connection connection, String sql, Object... parameters) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException("credentials statement failed", e);
        }
    }

    private static Optional<String> queryString(Connection connection, String sql, Object... parameters) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DataAccessException("credentials query failed", e);
        }
    }

    private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
    }
}
