package io.hearth.helpdesk;

import io.hearth.helpdesk.internal.CategoryRepository;
import io.hearth.helpdesk.internal.CategoryRow;
import io.hearth.identity.Caller;
import io.hearth.identity.Permission;
import io.hearth.kit.Refusal;
import io.hearth.tenancy.TenantBound;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The categories a member picks when he opens a ticket, set by the organisation's admins: each with its service levels
 * (minutes to the first answer and to the solution), and "care" for those that go only to the men trained for them.
 */
@TenantBound
@Singleton
public class Categories {

    private final CategoryRepository categories;
    private final Clock clock;

    public Categories(CategoryRepository categories, Clock clock) {
        this.categories = categories;
        this.clock = clock;
    }

    public record Definition(String name, boolean care, @Nullable Integer firstResponseMinutes, @Nullable Integer resolutionMinutes) {
    }

    @Schema(name = "TicketCategory")
    @Serdeable
    public record Category(UUID id, String name, boolean care, @Nullable Integer firstResponseMinutes, @Nullable Integer resolutionMinutes) {
    }

    @Transactional(readOnly = true)
    public List<Category> list(Caller caller) {
        return categories.findCurrent().stream().map(Categories::view).toList();
    }

    @Transactional
    public Category create(Caller caller, Definition definition) {
        requireAdmin(caller);
        String name = check(definition, new UUID(0, 0));
        return view(categories.save(new CategoryRow(UUID.randomUUID(), name, definition.care(), definition.firstResponseMinutes(),
                definition.resolutionMinutes(), categories.nextPosition(), null, clock.instant())));
    }

    /** Changes apply to tickets opened from now on: an open ticket keeps the levels it was opened with. */
    @Transactional
    public Category update(Caller caller, UUID id, Definition definition) {
        requireAdmin(caller);
        CategoryRow current = current(id);
        String name = check(definition, id);
        return view(categories.update(new CategoryRow(id, name, definition.care(), definition.firstResponseMinutes(), definition.resolutionMinutes(),
                current.position(), null, current.createdAt())));
    }

    /** Archived: no new ticket in it; its tickets stay as they are. */
    @Transactional
    public void archive(Caller caller, UUID id) {
        requireAdmin(caller);
        CategoryRow current = current(id);
        categories.update(new CategoryRow(id, current.name(), current.care(), current.firstResponseMinutes(), current.resolutionMinutes(),
                current.position(), clock.instant(), current.createdAt()));
    }

    /** A category a new ticket may be opened in. */
    Optional<CategoryRow> open(UUID id) {
        return categories.findById(id).filter(c -> c.archivedAt() == null);
    }

    /** Every category, archived ones too (old tickets keep theirs). */
    List<CategoryRow> all() {
        return List.copyOf(categories.findAll());
    }

    Optional<CategoryRow> find(UUID id) {
        return categories.findById(id);
    }

    private CategoryRow current(UUID id) {
        return open(id).orElseThrow(() -> Refusal.notFound("No ticket category with this id"));
    }

    private String check(Definition definition, UUID except) {
        String name = definition.name() == null ? "" : definition.name().strip();
        if (name.isEmpty() || name.length() > 100) {
            throw Refusal.invalid("name", "must be 1 to 100 characters");
        }
        if (categories.nameTaken(name, except)) {
            throw Refusal.invalid("name", "is the name of another category");
        }
        minutes("firstResponseMinutes", definition.firstResponseMinutes());
        minutes("resolutionMinutes", definition.resolutionMinutes());
        if (definition.firstResponseMinutes() != null && definition.resolutionMinutes() != null
                && definition.resolutionMinutes() < definition.firstResponseMinutes()) {
            throw Refusal.invalid("resolutionMinutes", "cannot be shorter than the time to the first answer");
        }
        return name;
    }

    private static void minutes(String field, @Nullable Integer minutes) {
        if (minutes != null && (minutes < 1 || minutes > 525_600)) {
            throw Refusal.invalid(field, "must be between 1 and 525600 minutes (a year)");
        }
    }

    private static void requireAdmin(Caller caller) {
        if (!caller.can(Permission.ORGANISATION_MANAGE)) {
            throw Refusal.forbidden("Only admins set the ticket categories");
        }
    }

    static Category view(CategoryRow row) {
        return new Category(row.id(), row.name(), row.care(), row.firstResponseMinutes(), row.resolutionMinutes());
    }
}
