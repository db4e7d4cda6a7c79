package io.hearth.notifications.internal;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.UUID;

/** Everything notifications keeps of one man, deleted when his personal data is erased (consents excepted: see Erasure). */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface PersonalRows extends GenericRepository<NotificationRow, UUID> {

    @Query("delete from notifications where person_id = :personId")
    long notifications(UUID personId);

    @Query("delete from notification_preferences where person_id = :personId")
    long preferences(UUID personId);

    @Query("delete from quiet_hours where person_id = :personId")
    long quietHours(UUID personId);

    @Query("delete from notification_schedules where person_id = :personId")
    long schedule(UUID personId);

    @Query("delete from circle_mutes where person_id = :personId")
    long mutes(UUID personId);

    @Query("delete from push_subscriptions where person_id = :personId")
    long devices(UUID personId);

    /** The reach-outs he made (their messages and whom they went to); those he was alerted to stay for the man who made them. */
    @Query("delete from reach_outs where person_id = :personId")
    long reachOuts(UUID personId);
}
