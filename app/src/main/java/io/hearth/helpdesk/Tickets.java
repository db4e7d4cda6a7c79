package io.hearth.helpdesk;

import io.hearth.ErrorCode;
import io.hearth.crypto.FieldCipher;
import io.hearth.helpdesk.internal.CategoryRow;
import io.hearth.helpdesk.internal.MessageRepository;
import io.hearth.helpdesk.internal.MessageRow;
import io.hearth.helpdesk.internal.QueueLine;
import io.hearth.helpdesk.internal.TicketRepository;
import io.hearth.helpdesk.internal.TicketRow;
import io.hearth.identity.Caller;
import io.hearth.identity.People;
import io.hearth.identity.Permission;
import io.hearth.identity.PublicLinks;
import io.hearth.identity.Role;
import io.hearth.kit.Refusal;
import io.hearth.kit.outbox.Outbox;
import io.hearth.messaging.Mailer;
import io.hearth.messaging.MailThreads;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import io.hearth.web.Paged;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The help desk: a member opens a ticket in a category; support (or, for a care category, only the men who hold
 * {@code care.handle}) answers it from a queue, with statuses, assignment, internal notes, merge and split. The service
 * levels' clock stops while a ticket waits for the member, and his reply (in the app, or by answering the mail: the
 * mail's Message-ID names the ticket) starts it again. Subjects and messages are sealed at rest.
 * <p>
 * Who sees a ticket: the man who opened it (never its internal notes), and its handlers. A ticket one may not see is
 * "not found", so that no one learns a care ticket exists.
 */
@TenantBound
@Singleton
public class Tickets {

    public static final int MAX_SUBJECT = 200;
    public static final int MAX_BODY = 16_384;
    private static final String APP = "APP";
    private static final String MAIL = "MAIL";
    private static final String THREAD = "ticket-";

    private final TicketRepository tickets;
    private final MessageRepository messages;
    private final Categories categories;
    private final People people;
    private final FieldCipher cipher;
    private final Mailer mailer;
    private final MailThreads threads;
    private final PublicLinks links;
    private final Outbox outbox;
    private final Clock clock;

    public Tickets(TicketRepository tickets, MessageRepository messages, Categories categories, People people, FieldCipher cipher, Mailer mailer,
                   MailThreads threads, PublicLinks links, Outbox outbox, Clock clock) {
        this.tickets = tickets;
        this.messages = messages;
        this.categories = categories;
        this.people = people;
        this.cipher = cipher;
        this.mailer = mailer;
        this.threads = threads;
        this.links = links;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** What a member writes to open a ticket. */
    public record Opening(UUID categoryId, String subject, String body) {
    }

    /** A reply or (for handlers) an internal note; {@code status}, for handlers, sets the ticket's status with it. */
    public record Writing(String body, boolean internal, @Nullable TicketStatus status) {
    }

    /**
     * A ticket as one man sees it. {@code handler}: he handles it (support, or care for a care ticket), and sees its
     * service levels and internal notes. {@code messages} is empty in a list.
     */
    @Schema(name = "HelpdeskTicket")
    @Serdeable
    public record Ticket(UUID id, long number, String subject, UUID categoryId, String categoryName, boolean care, TicketStatus status,
                         UUID requesterId, String requesterName, @Nullable UUID assigneeId, @Nullable String assigneeName, Instant createdAt,
                         Instant updatedAt, @Nullable UUID mergedIntoId, boolean handler, @Nullable ServiceLevel serviceLevel,
                         List<TicketMessage> messages) {
    }

    /** {@code via} APP or MAIL; {@code internal} notes reach handlers alone. */
    @Schema(name = "TicketMessage")
    @Serdeable
    public record TicketMessage(UUID id, @Nullable UUID authorId, String authorName, boolean byRequester, String body, boolean internal,
                                String via, Instant writtenAt) {
    }

    public record Created(Ticket ticket, boolean repeated) {
    }

    /** Per category, how many tickets stand in each status and how many breached a level: counts, never names. */
    @Schema(name = "TicketReportLine")
    @Serdeable
    public record ReportLine(UUID categoryId, String categoryName, boolean care, Map<TicketStatus, Long> tickets, long firstResponseBreached,
                             long resolutionBreached) {
    }

    @Transactional
    public Created open(Caller caller, Opening opening, @Nullable String idempotencyKey) {
        if (idempotencyKey != null) {
            Optional<TicketRow> earlier = tickets.findByKey(caller.person(), idempotencyKey);
            if (earlier.isPresent()) {
                return new Created(view(caller, earlier.get(), true), true);
            }
        }
        String subject = subject(opening.subject());
        String body = body(opening.body());
        if (opening.categoryId() == null) {
            throw Refusal.invalid("categoryId", "is required");
        }
        CategoryRow category = categories.open(opening.categoryId())
                .orElseThrow(() -> Refusal.invalid("categoryId", "is not one of the organisation's ticket categories"));
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        TicketRow row = tickets.save(new TicketRow(id, tickets.nextNumber(), caller.person(), category.id(), category.care(),
                cipher.seal(subject, subjectData(caller.tenant(), id)), TicketStatus.NEW, null, category.firstResponseMinutes(),
                category.resolutionMinutes(), now, now, null, null, null, null, 0, null, idempotencyKey));
        UUID messageId = UUID.randomUUID();
        messages.save(new MessageRow(messageId, id, caller.person(), cipher.seal(body, messageData(caller.tenant(), messageId)), false, APP, null, now,
                null));
        outbox.publish(new TicketEvent.TicketOpened(caller.tenant().id(), id, row.number(), caller.person(), category.id(), category.care()));
        mailRequester(caller.tenant(), row, subject, category.care()
                ? "We have your message. Someone from " + caller.tenant().name() + " who is trained for this will answer you, "
                  + "and you will hear from them here and in Hearth."
                : "We have your ticket and will answer you soon. Here is what you wrote:\n\n" + body);
        return new Created(view(caller, row, true), false);
    }

    /**
     * The tickets he may read, the active first and then the newest. {@code queue} false: the tickets he opened;
     * true: the queue he handles (support's, care's, or both), narrowed by status, assignee and category.
     */
    @Transactional(readOnly = true)
    public Paged<Ticket> list(Caller caller, boolean queue, @Nullable TicketStatus status, @Nullable UUID assigneeId, boolean unassigned,
                              @Nullable UUID categoryId, int page, int size) {
        boolean ordinary = queue && caller.can(Permission.SUPPORT_ASSIST);
        boolean care = queue && caller.can(Permission.CARE_HANDLE);
        if (queue && !ordinary && !care) {
            throw Refusal.forbidden("Only support and the men trained for care tickets see a queue");
        }
        UUID requester = queue ? null : caller.person();
        String wanted = status == null ? null : status.name();
        List<TicketRow> rows = tickets.findVisible(requester, ordinary, care, wanted, assigneeId, unassigned, categoryId, size, (long) page * size);
        long total = tickets.countVisible(requester, ordinary, care, wanted, assigneeId, unassigned, categoryId);
        Set<UUID> named = new HashSet<>();
        rows.forEach(r -> {
            named.add(r.requesterId());
            if (r.assigneeId() != null) {
                named.add(r.assigneeId());
            }
        });
        Map<UUID, String> names = people.names(named);
        Map<UUID, String> categoryNames = categoryNames();
        return new Paged<>(rows.stream().map(r -> view(caller, r, names, categoryNames, List.of())).toList(), page, size, total);
    }

    @Transactional(readOnly = true)
    public Ticket get(Caller caller, UUID id) {
        return view(caller, visible(caller, id), true);
    }

    /**
     * A message on the ticket. From the man who opened it: his reply, which starts a stopped clock again and reopens a
     * solved or closed ticket (on a merged ticket, it goes to the one it was merged into). From a handler: a reply (the
     * first one is the first response; it mails the member, who may answer the mail) or an internal note.
     */
    @Transactional
    public Ticket write(Caller caller, UUID id, Writing writing, @Nullable String idempotencyKey) {
        if (idempotencyKey != null) {
            Optional<MessageRow> earlier = messages.findByKey(caller.person(), idempotencyKey);
            if (earlier.isPresent()) {
                return view(caller, visible(caller, earlier.get().ticketId()), true);
            }
        }
        String body = body(writing.body());
        TicketRow ticket = visible(caller, id);
        if (ticket.requesterId().equals(caller.person())) {
            if (writing.internal() || writing.status() != null) {
                throw Refusal.forbidden("Internal notes and statuses are for the ticket's handlers");
            }
            TicketRow target = followMerges(ticket);
            byRequester(caller.tenant(), target, body, APP, null, idempotencyKey);
            return view(caller, tickets.findById(target.id()).orElseThrow(), true);
        }
        TicketRow locked = tickets.lock(ticket.id()).orElseThrow();
        if (locked.mergedInto() != null) {
            throw new Refusal(Refusal.Kind.CONFLICT, ErrorCode.TICKET_MERGED, "The ticket was merged into another: write there (" + locked.mergedInto() + ")");
        }
        Instant now = clock.instant();
        UUID messageId = UUID.randomUUID();
        messages.save(new MessageRow(messageId, locked.id(), caller.person(), cipher.seal(body, messageData(caller.tenant(), messageId)),
                writing.internal(), APP, null, now, idempotencyKey));
        TicketRow updated = locked;
        if (!writing.internal()) {
            updated = with(updated, updated.status(), updated.assigneeId(), updated.firstResponseAt() == null ? now : updated.firstResponseAt(), now);
            if (updated.status() == TicketStatus.NEW && writing.status() == null) {
                updated = moved(updated, TicketStatus.OPEN, now);
            }
        }
        TicketStatus before = locked.status();
        if (writing.status() != null) {
            updated = moved(updated, settable(writing.status(), updated), now);
        }
        updated = tickets.update(with(updated, updated.status(), updated.assigneeId(), updated.firstResponseAt(), now));
        outbox.publish(new TicketEvent.TicketReplied(caller.tenant().id(), locked.id(), locked.number(), messageId, caller.person(), false,
                writing.internal(), locked.care(), locked.assigneeId()));
        if (updated.status() != before) {
            outbox.publish(new TicketEvent.TicketStatusChanged(caller.tenant().id(), locked.id(), locked.number(), updated.status(), caller.person()));
        }
        if (!writing.internal()) {
            String subject = cipher.open(locked.sealedSubject(), subjectData(caller.tenant(), locked.id()));
            String who = people.names(List.of(caller.person())).getOrDefault(caller.person(), "Support");
            mailRequester(caller.tenant(), updated, subject, locked.care()
                    ? who + " answered your message. Read the answer in Hearth (the link is below)."
                    : who + " answered:\n\n" + body);
        }
        return view(caller, updated, true);
    }

    /**
     * A handler sets the ticket's status and who it is assigned to (null: no one). The assignee must handle such
     * tickets; 422 otherwise.
     */
    @Transactional
    public Ticket update(Caller caller, UUID id, TicketStatus status, @Nullable UUID assigneeId) {
        TicketRow ticket = handled(caller, id);
        TicketRow locked = tickets.lock(ticket.id()).orElseThrow();
        if (locked.mergedInto() != null) {
            throw new Refusal(Refusal.Kind.CONFLICT, ErrorCode.TICKET_MERGED, "The ticket was merged into another: it is closed for good");
        }
        if (assigneeId != null && !Objects.equals(assigneeId, locked.assigneeId()) && !handlers(locked.care()).contains(assigneeId)) {
            throw Refusal.invalid("assigneeId", locked.care() ? "must be someone trained for care tickets (care.handle)"
                    : "must be someone in support (support.assist)");
        }
        Instant now = clock.instant();
        TicketRow updated = moved(locked, settable(status, locked), now);
        updated = tickets.update(with(updated, updated.status(), assigneeId, updated.firstResponseAt(), now));
        if (updated.status() != locked.status()) {
            outbox.publish(new TicketEvent.TicketStatusChanged(caller.tenant().id(), id, locked.number(), updated.status(), caller.person()));
        }
        if (!Objects.equals(assigneeId, locked.assigneeId())) {
            outbox.publish(new TicketEvent.TicketAssigned(caller.tenant().id(), id, locked.number(), assigneeId, locked.care(), caller.person()));
        }
        return view(caller, updated, true);
    }

    /**
     * Merges the ticket into another of the same man (and the same kind: care with care): its messages move there,
     * and it is closed, pointing to the other. 409 TICKET_NOT_MERGEABLE otherwise.
     */
    @Transactional
    public Ticket merge(Caller caller, UUID id, UUID intoId) {
        TicketRow from = handled(caller, id);
        TicketRow into = handled(caller, intoId);
        if (from.id().equals(into.id())) {
            throw new Refusal(Refusal.Kind.CONFLICT, ErrorCode.TICKET_NOT_MERGEABLE, "A ticket cannot be merged into itself");
        }
        // Lock in a stable order, so that two merges the other way round cannot wait on each other.
        List<UUID> order = from.id().compareTo(into.id()) < 0 ? List.of(from.id(), into.id()) : List.of(into.id(), from.id());
        order.forEach(t -> tickets.lock(t).orElseThrow());
        from = tickets.findById(from.id()).orElseThrow();
        into = tickets.findById(into.id()).orElseThrow();
        if (from.mergedInto() != null || into.mergedInto() != null) {
            throw new Refusal(Refusal.Kind.CONFLICT, ErrorCode.TICKET_NOT_MERGEABLE, "A merged ticket cannot be merged again");
        }
        if (!from.requesterId().equals(into.requesterId()) || from.care() != into.care()) {
            throw new Refusal(Refusal.Kind.CONFLICT, ErrorCode.TICKET_NOT_MERGEABLE,
                    "Only tickets of the same man, and of the same kind (care with care), are merged");
        }
        Instant now = clock.instant();
        messages.moveAll(from.id(), into.id());
        TicketRow closed = moved(from, TicketStatus.CLOSED, now);
        tickets.update(new TicketRow(closed.id(), closed.number(), closed.requesterId(), closed.categoryId(), closed.care(), closed.sealedSubject(),
                closed.status(), closed.assigneeId(), closed.firstResponseMinutes(), closed.resolutionMinutes(), closed.createdAt(), now,
                closed.firstResponseAt(), closed.solvedAt(), closed.closedAt(), closed.pausedSince(), closed.pausedSeconds(), into.id(),
                closed.idempotencyKey()));
        TicketRow target = tickets.update(with(into, into.status(), into.assigneeId(), into.firstResponseAt(), now));
        outbox.publish(new TicketEvent.TicketsMerged(caller.tenant().id(), from.id(), into.id(), caller.person()));
        return view(caller, target, true);
    }

    /**
     * Splits messages off into a new ticket of the same man, category and levels (opened now), with its own subject.
     * At least one message stays where it was.
     */
    @Transactional
    public Ticket split(Caller caller, UUID id, Collection<UUID> messageIds, @Nullable String subject) {
        TicketRow ticket = handled(caller, id);
        TicketRow locked = tickets.lock(ticket.id()).orElseThrow();
        if (locked.mergedInto() != null) {
            throw new Refusal(Refusal.Kind.CONFLICT, ErrorCode.TICKET_MERGED, "The ticket was merged into another: split that one");
        }
        Set<UUID> wanted = new LinkedHashSet<>(messageIds);
        if (wanted.isEmpty()) {
            throw Refusal.invalid("messageIds", "name at least one message to split off");
        }
        Set<UUID> own = new HashSet<>();
        messages.findOf(locked.id(), true).forEach(m -> own.add(m.id()));
        if (!own.containsAll(wanted)) {
            throw Refusal.invalid("messageIds", "are not all messages of this ticket");
        }
        if (wanted.size() >= own.size()) {
            throw Refusal.invalid("messageIds", "must leave at least one message on the ticket");
        }
        String original = cipher.open(locked.sealedSubject(), subjectData(caller.tenant(), locked.id()));
        String newSubject = subject == null || subject.isBlank() ? cut(original + " (split)", MAX_SUBJECT) : subject(subject);
        Instant now = clock.instant();
        UUID newId = UUID.randomUUID();
        TicketRow created = tickets.save(new TicketRow(newId, tickets.nextNumber(), locked.requesterId(), locked.categoryId(), locked.care(),
                cipher.seal(newSubject, subjectData(caller.tenant(), newId)), TicketStatus.NEW, locked.assigneeId(), locked.firstResponseMinutes(),
                locked.resolutionMinutes(), now, now, null, null, null, null, 0, null, null));
        messages.move(locked.id(), newId, wanted);
        tickets.update(with(locked, locked.status(), locked.assigneeId(), locked.firstResponseAt(), now));
        outbox.publish(new TicketEvent.TicketSplit(caller.tenant().id(), locked.id(), newId, wanted.size(), caller.person()));
        outbox.publish(new TicketEvent.TicketOpened(caller.tenant().id(), newId, created.number(), created.requesterId(), created.categoryId(),
                created.care()));
        return view(caller, created, true);
    }

    /**
     * A reply by mail to one of the ticket's mails, from {@code from} (already matched to the address the mail went
     * to). Taken as the member's own reply when the address is still his; a reply delivered twice counts once.
     *
     * @return whether it was added
     */
    @Transactional
    public boolean replyByMail(Tenant tenant, String thread, String from, String text, String mailMessageId) {
        if (!thread.startsWith(THREAD)) {
            return false;
        }
        UUID id;
        try {
            id = UUID.fromString(thread.substring(THREAD.length()));
        } catch (IllegalArgumentException e) {
            return false;
        }
        Optional<TicketRow> ticket = tickets.findById(id);
        if (ticket.isEmpty() || messages.existsByMailMessageId(mailMessageId)) {
            return false;
        }
        Optional<String> address = people.emailOf(ticket.get().requesterId());
        if (address.isEmpty() || !address.get().equalsIgnoreCase(from.strip())) {
            return false;
        }
        String body = cut(text.strip(), MAX_BODY);
        if (body.isEmpty()) {
            return false;
        }
        byRequester(tenant, followMerges(ticket.get()), body, MAIL, mailMessageId, null);
        return true;
    }

    /** Counts per category and status, for leadership's reports. */
    @Transactional(readOnly = true)
    public List<ReportLine> report(Caller caller) {
        if (!caller.can(Permission.REPORTS_VIEW)) {
            throw Refusal.forbidden("Only leadership and admins see reports");
        }
        Map<UUID, ReportLine> lines = new LinkedHashMap<>();
        Map<UUID, CategoryRow> all = new LinkedHashMap<>();
        categories.all().forEach(c -> all.put(c.id(), c));
        for (QueueLine line : tickets.queueFigures(clock.instant())) {
            CategoryRow category = all.get(line.categoryId());
            ReportLine current = lines.computeIfAbsent(line.categoryId(), c -> new ReportLine(c, category == null ? "" : category.name(),
                    category != null && category.care(), new EnumMap<>(TicketStatus.class), 0, 0));
            current.tickets().put(TicketStatus.valueOf(line.status()), line.tickets());
            lines.put(line.categoryId(), new ReportLine(current.categoryId(), current.categoryName(), current.care(), current.tickets(),
                    current.firstResponseBreached() + line.firstResponseBreached(), current.resolutionBreached() + line.resolutionBreached()));
        }
        return List.copyOf(lines.values());
    }

    /** Who handles tickets of this kind: support (support.assist), or for care tickets those who hold care.handle. */
    @Transactional(readOnly = true)
    public Set<UUID> handlers(boolean care) {
        Permission needed = care ? Permission.CARE_HANDLE : Permission.SUPPORT_ASSIST;
        Set<UUID> all = new LinkedHashSet<>();
        for (Role role : Role.values()) {
            if (role.permissions().contains(needed)) {
                all.addAll(people.holders(role));
            }
        }
        return all;
    }

    /** Who the ticket is for: its requester and assignee, for notices (empty when it is gone). */
    @Transactional(readOnly = true)
    public Optional<Parties> parties(UUID id) {
        return tickets.findById(id).map(t -> new Parties(t.requesterId(), t.assigneeId(), t.care(), categories.find(t.categoryId())
                .map(CategoryRow::name).orElse("")));
    }

    public record Parties(UUID requesterId, @Nullable UUID assigneeId, boolean care, String categoryName) {
    }

    private void byRequester(Tenant tenant, TicketRow ticket, String body, String via, @Nullable String mailMessageId, @Nullable String key) {
        TicketRow locked = tickets.lock(ticket.id()).orElseThrow();
        Instant now = clock.instant();
        UUID messageId = UUID.randomUUID();
        messages.save(new MessageRow(messageId, locked.id(), locked.requesterId(), cipher.seal(body, messageData(tenant, messageId)), false, via,
                mailMessageId, now, key));
        TicketRow updated = locked;
        if (locked.status() == TicketStatus.WAITING_FOR_MEMBER || locked.status() == TicketStatus.SOLVED || locked.status() == TicketStatus.CLOSED) {
            updated = moved(locked, TicketStatus.OPEN, now);
        }
        tickets.update(with(updated, updated.status(), updated.assigneeId(), updated.firstResponseAt(), now));
        outbox.publish(new TicketEvent.TicketReplied(tenant.id(), locked.id(), locked.number(), messageId, locked.requesterId(), true, false,
                locked.care(), locked.assigneeId()));
        if (updated.status() != locked.status()) {
            outbox.publish(new TicketEvent.TicketStatusChanged(tenant.id(), locked.id(), locked.number(), updated.status(), locked.requesterId()));
        }
    }

    /** The status a handler may set: anything but back to NEW once it has moved on. */
    private static TicketStatus settable(TicketStatus status, TicketRow ticket) {
        if (status == TicketStatus.NEW && ticket.status() != TicketStatus.NEW) {
            throw Refusal.invalid("status", "cannot go back to NEW: use OPEN");
        }
        return status;
    }

    /** The ticket in its new status, its clock and times kept right: WAITING_FOR_MEMBER stops the clock, leaving it runs it again. */
    static TicketRow moved(TicketRow t, TicketStatus status, Instant now) {
        if (status == t.status()) {
            return t;
        }
        Instant pausedSince = t.pausedSince();
        long pausedSeconds = t.pausedSeconds();
        if (t.status() == TicketStatus.WAITING_FOR_MEMBER) {
            pausedSeconds = ServiceLevel.resumed(pausedSeconds, pausedSince, now);
            pausedSince = null;
        }
        if (status == TicketStatus.WAITING_FOR_MEMBER) {
            pausedSince = now;
        }
        Instant solvedAt = t.solvedAt();
        Instant closedAt = t.closedAt();
        if (status == TicketStatus.SOLVED) {
            solvedAt = solvedAt == null ? now : solvedAt;
            closedAt = null;
        } else if (status == TicketStatus.CLOSED) {
            solvedAt = solvedAt == null ? now : solvedAt;
            closedAt = now;
        } else {
            solvedAt = null;
            closedAt = null;
        }
        return new TicketRow(t.id(), t.number(), t.requesterId(), t.categoryId(), t.care(), t.sealedSubject(), status, t.assigneeId(),
                t.firstResponseMinutes(), t.resolutionMinutes(), t.createdAt(), now, t.firstResponseAt(), solvedAt, closedAt, pausedSince,
                pausedSeconds, t.mergedInto(), t.idempotencyKey());
    }

    private static TicketRow with(TicketRow t, TicketStatus status, @Nullable UUID assigneeId, @Nullable Instant firstResponseAt, Instant now) {
        return new TicketRow(t.id(), t.number(), t.requesterId(), t.categoryId(), t.care(), t.sealedSubject(), status, assigneeId,
                t.firstResponseMinutes(), t.resolutionMinutes(), t.createdAt(), now, firstResponseAt, t.solvedAt(), t.closedAt(), t.pausedSince(),
                t.pausedSeconds(), t.mergedInto(), t.idempotencyKey());
    }

    private TicketRow followMerges(TicketRow ticket) {
        TicketRow current = ticket;
        for (int hops = 0; current.mergedInto() != null && hops < 20; hops++) {
            current = tickets.findById(current.mergedInto()).orElseThrow();
        }
        return current;
    }

    /** Mails the member about his ticket, with a Message-ID his reply will quote. */
    private void mailRequester(Tenant tenant, TicketRow ticket, String subject, String text) {
        Optional<String> address = people.emailOf(ticket.requesterId());
        if (address.isEmpty()) {
            return;
        }
        String link = links.to(tenant, "/tickets/" + ticket.id());
        String title = ticket.care() ? "Your message to " + tenant.name() + " (#" + ticket.number() + ")"
                : "[#" + ticket.number() + "] " + oneLine(subject);
        mailer.send(tenant, address.get(), title, text + "\n\nAnswer by replying to this mail, or in Hearth:\n" + link + "\n",
                Map.of("Message-ID", threads.messageId(tenant, THREAD + ticket.id(), address.get())));
    }

    private TicketRow visible(Caller caller, UUID id) {
        return tickets.findById(id).filter(t -> t.requesterId().equals(caller.person()) || handles(caller, t))
                .orElseThrow(() -> Refusal.notFound("No ticket with this id"));
    }

    /** A ticket he handles: not found when he may not see it, 403 when it is his own and he does not handle it. */
    private TicketRow handled(Caller caller, UUID id) {
        TicketRow ticket = visible(caller, id);
        if (!handles(caller, ticket)) {
            throw Refusal.forbidden("Only the ticket's handlers do this");
        }
        return ticket;
    }

    private static boolean handles(Caller caller, TicketRow ticket) {
        return caller.can(ticket.care() ? Permission.CARE_HANDLE : Permission.SUPPORT_ASSIST);
    }

    private Ticket view(Caller caller, TicketRow row, boolean withMessages) {
        boolean handler = handles(caller, row);
        List<MessageRow> rows = withMessages ? messages.findOf(row.id(), handler) : List.of();
        Set<UUID> named = new HashSet<>();
        named.add(row.requesterId());
        if (row.assigneeId() != null) {
            named.add(row.assigneeId());
        }
        rows.forEach(m -> {
            if (m.authorId() != null) {
                named.add(m.authorId());
            }
        });
        Map<UUID, String> names = people.names(named);
        List<TicketMessage> shown = new ArrayList<>();
        for (MessageRow m : rows) {
            shown.add(new TicketMessage(m.id(), m.authorId(), m.authorId() == null ? "" : names.getOrDefault(m.authorId(), ""),
                    row.requesterId().equals(m.authorId()), cipher.open(m.sealedBody(), messageData(caller.tenant(), m.id())), m.internal(), m.via(),
                    m.writtenAt()));
        }
        return view(caller, row, names, categoryNames(), shown);
    }

    private Ticket view(Caller caller, TicketRow row, Map<UUID, String> names, Map<UUID, String> categoryNames, List<TicketMessage> shown) {
        boolean handler = handles(caller, row);
        ServiceLevel level = handler ? ServiceLevel.of(new ServiceLevel.Clock(row.createdAt(), row.firstResponseMinutes(), row.resolutionMinutes(),
                row.firstResponseAt(), row.solvedAt(), row.pausedSince(), row.pausedSeconds()), clock.instant()) : null;
        return new Ticket(row.id(), row.number(), cipher.open(row.sealedSubject(), subjectData(caller.tenant(), row.id())), row.categoryId(),
                categoryNames.getOrDefault(row.categoryId(), ""), row.care(), row.status(), row.requesterId(), names.getOrDefault(row.requesterId(), ""),
                row.assigneeId(), row.assigneeId() == null ? null : names.getOrDefault(row.assigneeId(), ""), row.createdAt(), row.updatedAt(),
                row.mergedInto(), handler, level, shown);
    }

    private Map<UUID, String> categoryNames() {
        Map<UUID, String> names = new LinkedHashMap<>();
        categories.all().forEach(c -> names.put(c.id(), c.name()));
        return names;
    }

    private static String subject(@Nullable String subject) {
        String s = subject == null ? "" : oneLine(subject).strip();
        if (s.isEmpty() || s.length() > MAX_SUBJECT) {
            throw Refusal.invalid("subject", "must be 1 to " + MAX_SUBJECT + " characters");
        }
        return s;
    }

    private static String body(@Nullable String body) {
        String b = body == null ? "" : body.strip();
        if (b.isEmpty() || b.length() > MAX_BODY) {
            throw Refusal.invalid("body", "must be 1 to " + MAX_BODY + " characters");
        }
        return b;
    }

    private static String oneLine(String text) {
        return text.replaceAll("[\\r\\n\\t]+", " ");
    }

    private static String cut(String text, int max) {
        return text.length() > max ? text.substring(0, max) : text;
    }

    private static String subjectData(Tenant tenant, UUID ticketId) {
        return "ticket-subject:" + tenant.id().value() + ":" + ticketId;
    }

    /** Bound to the message, not its ticket: merge and split move messages between tickets. */
    private static String messageData(Tenant tenant, UUID messageId) {
        return "ticket-message:" + tenant.id().value() + ":" + messageId;
    }
}
