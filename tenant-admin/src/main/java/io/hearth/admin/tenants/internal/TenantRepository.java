package io.hearth.admin.tenants.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface TenantRepository extends CrudRepository<TenantRow, UUID> {

    Optional<TenantRow> findBySlug(String slug);

    boolean existsBySlug(String slug);

    /** Oldest first: organisations in a status (null: any) whose slug or name matches the ILIKE pattern (null: any). */
    @Query(value = "select * from tenants where (cast(:status as text) is null or status = :status) "
            + "and (cast(:pattern as text) is null or slug ilike :pattern escape '\\' or name ilike :pattern escape '\\') order by created_at, id",
            countQuery = "select count(*) from tenants where (cast(:status as text) is null or status = :status) "
            + "and (cast(:pattern as text) is null or slug ilike :pattern escape '\\' or name ilike :pattern escape '\\')")
    Page<TenantRow> search(@Nullable String status, @Nullable String pattern, Pageable pageable);

    /** Locks the row for a status change, so concurrent suspend/reactivate calls serialise. */
    @Query("select * from tenants where sms_number = :number")
    Optional<TenantRow> findBySmsNumber(String number);

    @Query("select * from tenants where slug = :slug for update")
    Optional<TenantRow> findBySlugForUpdate(String slug);

    @Query("select * from tenants where plan = :plan order by created_at, id")
    java.util.List<TenantRow> findOnPlan(String plan);
}
