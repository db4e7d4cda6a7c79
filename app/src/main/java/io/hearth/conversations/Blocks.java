package io.hearth.conversations;

import io.hearth.conversations.internal.BlockRepository;
import io.hearth.identity.Caller;
import io.hearth.identity.People;
import io.hearth.kit.Refusal;
import io.hearth.tenancy.TenantBound;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A man blocks another: neither may start or go on with a one-to-one with the other, whatever the rules say. */
@TenantBound
@Singleton
public class Blocks {

    private final BlockRepository blocks;
    private final People people;
    private final Clock clock;

    public Blocks(BlockRepository blocks, People people, Clock clock) {
        this.blocks = blocks;
        this.people = people;
        this.clock = clock;
    }

    @Schema(name = "Block")
    @Serdeable
    public record Block(UUID personId, String name, Instant blockedAt) {
    }

    @Transactional
    public Block block(Caller caller, UUID person) {
        if (person.equals(caller.person())) {
            throw Refusal.invalid("id", "is yourself");
        }
        if (people.find(caller, person).isEmpty()) {
            throw Refusal.notFound("No person with this id");
        }
        blocks.block(caller.person(), person, clock.instant());
        return mine(caller).stream().filter(b -> b.personId().equals(person)).findFirst().orElseThrow();
    }

    @Transactional
    public void unblock(Caller caller, UUID person) {
        if (blocks.unblock(caller.person(), person) == 0) {
            throw Refusal.notFound("You have not blocked this person");
        }
    }

    @Transactional(readOnly = true)
    public List<Block> mine(Caller caller) {
        var rows = blocks.findByPerson(caller.person());
        Map<UUID, String> names = people.names(rows.stream().map(row -> row.blockedId()).toList());
        return rows.stream().map(row -> new Block(row.blockedId(), names.getOrDefault(row.blockedId(), "Someone"), row.blockedAt())).toList();
    }
}
