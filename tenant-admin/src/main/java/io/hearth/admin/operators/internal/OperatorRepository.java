package io.hearth.admin.operators.internal;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface OperatorRepository extends CrudRepository<OperatorRow, UUID> {

    /** The operator with exactly this (normalised, lower-case) address: never a pattern. */
    @Query("select * from operators where lower(email) = :email")
    Optional<OperatorRow> findByNormalisedEmail(String email);

    @Query("select exists(select 1 from operators where id = :id and active)")
    boolean isActive(UUID id);

    /** Enrols the second factor only where there is none yet: 1 when it was enrolled, 0 when another got there first. */
    @Query("update operators set totp_secret_sealed = :sealed, totp_last_step = :step where id = :id and totp_secret_sealed is null")
    long enrolSecondFactor(UUID id, String sealed, long step);

    /** Records the step as used, only when it is later than the last one used: 1 when the code was good for the first time. */
    @Query("update operators set totp_last_step = :step where id = :id and (totp_last_step is null or totp_last_step < :step)")
    long useStep(UUID id, long step);

    @Query("update operators set active = :active where id = :id")
    void setActive(UUID id, boolean active);

    @Query(value = "insert into operator_audit (id, operator_id, email, action, ip, detail) values (:id, :operatorId, :email, :action, :ip, :detail)",
            readOnly = false)
    void audit(UUID id, @io.micronaut.core.annotation.Nullable UUID operatorId, String email, String action,
               @io.micronaut.core.annotation.Nullable String ip, @io.micronaut.core.annotation.Nullable String detail);

    @Query("select id, at, operator_id, email, action, ip, detail from operator_audit order by at desc, id limit :limit")
    List<AuditLine> recentAudit(int limit);
}
