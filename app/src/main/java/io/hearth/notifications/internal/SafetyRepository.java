package io.hearth.notifications.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Must-reach messages, reach-outs and whom they went to, and the organisation's crisis lines. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface SafetyRepository extends GenericRepository<SafetyMessageRow, UUID> {

    @Query("insert into safety_messages (id, sender_id, sealed_text, link, created_at, idempotency_key) "
            + "values (:id, :senderId, :sealedText, :link, :createdAt, :key)")
    void saveMessage(UUID id, UUID senderId, String sealedText, String link, Instant createdAt, @Nullable String key);

    @Query("select * from safety_messages where id = :id")
    Optional<SafetyMessageRow> message(UUID id);

    @Query("select * from safety_messages where sender_id = :senderId and idempotency_key = :key")
    Optional<SafetyMessageRow> messageByKey(UUID senderId, String key);

    @Query("insert into reach_outs (id, person_id, sealed_message, created_at, idempotency_key) values (:id, :personId, :sealedMessage, :createdAt, :key)")
    void saveReachOut(UUID id, UUID personId, @Nullable String sealedMessage, Instant createdAt, @Nullable String key);

    @Query("insert into reach_out_recipients (reach_out_id, person_id) values (:reachOutId, :personId) on conflict do nothing")
    void addRecipient(UUID reachOutId, UUID personId);

    @Query("select * from reach_outs where person_id = :personId and idempotency_key = :key")
    Optional<ReachOutRow> reachOutByKey(UUID personId, String key);

    String FOR_READER = "r.id = :id and (r.person_id = :reader "
            + "or exists (select 1 from reach_out_recipients x where x.reach_out_id = r.id and x.person_id = :reader))";

    /** The reach-out, for him or one it was sent to. */
    @Query("select r.* from reach_outs r where " + FOR_READER)
    Optional<ReachOutRow> reachOutFor(UUID id, UUID reader);

    /** The same, locked: to be taken. */
    @Query("select r.* from reach_outs r where " + FOR_READER + " for update")
    Optional<ReachOutRow> lockReachOutFor(UUID id, UUID reader);

    @Query("select r.* from reach_outs r where r.person_id = :reader or exists (select 1 from reach_out_recipients x "
            + "where x.reach_out_id = r.id and x.person_id = :reader) order by r.created_at desc, r.id desc limit 50")
    List<ReachOutRow> reachOutsOf(UUID reader);

    @Query("select person_id from reach_out_recipients where reach_out_id = :reachOutId order by person_id")
    List<UUID> recipients(UUID reachOutId);

    @Query("update reach_outs set taken_by = :by, taken_at = :at where id = :id and taken_by is null")
    long take(UUID id, UUID by, Instant at);

    @Query("delete from reach_outs where created_at < :before")
    long eraseOlderThan(Instant before);

    @Query("select count(*) from reach_outs where created_at >= :from and created_at < :to")
    long countBetween(Instant from, Instant to);

    @Query("select * from crisis_lines order by position, id")
    List<CrisisLineRow> crisisLines();

    @Query("delete from crisis_lines")
    void clearCrisisLines();

    @Query("insert into crisis_lines (id, position, name, phone, sms, url, hours) values (:id, :position, :name, :phone, :sms, :url, :hours)")
    void addCrisisLine(UUID id, int position, String name, @Nullable String phone, @Nullable String sms, @Nullable String url, @Nullable String hours);
}
