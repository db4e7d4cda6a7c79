package io.hearth.documents;

import io.hearth.ErrorCode;
import io.hearth.circles.CircleView;
import io.hearth.circles.Circles;
import io.hearth.circles.Memberships;
import io.hearth.documents.internal.AcknowledgementRepository;
import io.hearth.documents.internal.AcknowledgementRow;
import io.hearth.documents.internal.DocumentRepository;
import io.hearth.documents.internal.DocumentRow;
import io.hearth.documents.internal.VersionRepository;
import io.hearth.documents.internal.VersionRow;
import io.hearth.gatherings.EventView;
import io.hearth.gatherings.Gatherings;
import io.hearth.gatherings.Registrations;
import io.hearth.identity.Caller;
import io.hearth.identity.People;
import io.hearth.identity.Permission;
import io.hearth.identity.Role;
import io.hearth.kit.Refusal;
import io.hearth.kit.Spool;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.inject.Singleton;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Documents an organisation shares: files for the whole organisation, a circle's men, or an event's participants, and
 * waivers and guidelines a man acknowledges in their current version (the record keeps the version, the SHA-256 of
 * what he acknowledged, the time, his IP and user agent; its log is exported as CSV). Files are kept in the
 * {@link DocumentStore}, checked by their bytes ({@link FileTypes}). Who shares: admins to the organisation, a circle's
 * facilitators to it, an event's PTMs to its participants.
 */
@TenantBound
@Singleton
public class Documents {

    /**
     * The largest file taken, 20 MB (of 1024 × 1024 bytes). Only the upload routes take bodies this large (their
     * {@code @BodyLimit}; every other route takes 1 MB), and the file is streamed to disk as it comes, never held in memory.
     */
    public static final int MAX_BYTES = 20 * 1024 * 1024;
    private static final UUID NONE = new UUID(0, 0);

    private final DocumentRepository documents;
    private final VersionRepository versions;
    private final AcknowledgementRepository acknowledgements;
    private final DocumentStore store;
    private final Circles circles;
    private final Memberships memberships;
    private final Gatherings events;
    private final Registrations registrations;
    private final People people;
    private final Clock clock;
    private final DocumentWrites writes;

    public Documents(DocumentRepository documents, VersionRepository versions, AcknowledgementRepository acknowledgements, DocumentStore store,
                     Circles circles, Memberships memberships, Gatherings events, Registrations registrations, People people, Clock clock,
                     DocumentWrites writes) {
        this.writes = writes;
        this.documents = documents;
        this.versions = versions;
        this.acknowledgements = acknowledgements;
        this.store = store;
        this.circles = circles;
        this.memberships = memberships;
        this.events = events;
        this.registrations = registrations;
        this.people = people;
        this.clock = clock;
    }

    /** What is shared: the file, and for whom. */
    public record Upload(DocumentKind kind, String title, DocumentAudience audience, @Nullable UUID circleId, @Nullable UUID eventId) {
    }

    /** One file as it comes: its name, the type the client says it is, its bytes to be read once (the caller closes it). */
    public record FileUpload(String fileName, @Nullable String contentType, InputStream content) {
    }

    /**
     * A document as one man sees it: {@code acknowledgedVersion} is the newest version he acknowledged (a waiver or
     * guidelines), {@code acknowledged} whether that is the current one; {@code canManage} whether he may add a version,
     * archive it and read its log.
     */
    @Schema(name = "Document")
    @Serdeable
    public record Document(UUID id, DocumentKind kind, String title, DocumentAudience audience, @Nullable UUID circleId, @Nullable UUID eventId,
                           int version, String fileName, String contentType, long sizeBytes, String sha256, Instant updatedAt,
                           @Nullable Integer acknowledgedVersion, boolean acknowledged, boolean canManage, @Nullable Long acknowledgements) {
    }

    @Schema(name = "DocumentAcknowledgement")
    @Serdeable
    public record Acknowledgement(UUID documentId, int version, UUID personId, String sha256, Instant acknowledgedAt) {
    }

    public record Created(Document document, boolean repeated) {
    }

    /**
     * The file to send: its name and type as checked when it came, its length, when it came, and how to open its bytes
     * (a stream the caller closes; the store is asked only then).
     */
    public record File(String fileName, String contentType, long length, Instant uploadedAt, Supplier<InputStream> content) {
    }

    /**
     * Not one transaction: the file is received, checked and kept in the store first (20 MB to a bucket takes a while,
     * and no database connection is held meanwhile), then its rows are written in one transaction. A failure of the rows
     * deletes the kept file.
     */
    public Created upload(Caller caller, Upload upload, FileUpload file, @Nullable String idempotencyKey) {
        if (idempotencyKey != null) {
            Optional<DocumentRow> earlier = documents.findByKey(caller.person(), idempotencyKey);
            if (earlier.isPresent()) {
                return new Created(view(caller, earlier.get()), true);
            }
        }
        String title = upload.title() == null ? "" : upload.title().strip();
        if (title.isEmpty() || title.length() > 200) {
            throw Refusal.invalid("title", "must be 1 to 200 characters");
        }
        if (upload.kind() == null) {
            throw Refusal.invalid("kind", "is required: DOCUMENT, WAIVER or GUIDELINE");
        }
        if (upload.audience() == null) {
            throw Refusal.invalid("audience", "is required: ORGANISATION, CIRCLE or EVENT");
        }
        if ((upload.audience() == DocumentAudience.CIRCLE) != (upload.circleId() != null)) {
            throw Refusal.invalid("circleId", "is given for a circle's document, and only then");
        }
        if ((upload.audience() == DocumentAudience.EVENT) != (upload.eventId() != null)) {
            throw Refusal.invalid("eventId", "is given for an event's document, and only then");
        }
        requireSharer(caller, upload.audience(), upload.circleId(), upload.eventId());
        UUID id = UUID.randomUUID();
        try (Received received = receive(file)) {
            String key = keep(caller.tenant(), id, received);
            Instant now = clock.instant();
            DocumentRow row = rowsOrNoFile(key, () -> writes.create(caller, new DocumentRow(id, upload.kind(), title, upload.audience(),
                    upload.circleId(), upload.eventId(), 1, caller.person(), now, null, idempotencyKey), received.row(id, 1, key, caller.person(), now)));
            return new Created(view(caller, row), false);
        }
    }

    /** A new version: a waiver or guidelines must then be acknowledged again. As {@link #upload}, the file is kept first. */
    public Document addVersion(Caller caller, UUID id, FileUpload file) {
        requireManager(caller, readable(caller, id));
        try (Received received = receive(file)) {
            String key = keep(caller.tenant(), id, received);
            DocumentRow row = rowsOrNoFile(key, () -> writes.addVersion(caller, id, version -> received.row(id, version, key, caller.person(),
                    clock.instant())));
            return view(caller, row);
        }
    }

    @Transactional(readOnly = true)
    public List<Document> list(Caller caller, @Nullable UUID circleId, @Nullable UUID eventId) {
        List<UUID> myCircles = new ArrayList<>(List.of(NONE));
        List<UUID> myEvents = new ArrayList<>(List.of(NONE));
        if (circleId != null) {
            CircleView circle = circles.get(caller, circleId);
            if (!readsCircle(caller, circle)) {
                throw Refusal.forbidden("Only the circle's men, its facilitators, leadership and admins see its documents");
            }
            myCircles.add(circleId);
        } else {
            for (var stint : memberships.stintsOf(caller.person())) {
                if (stint.leftAt() == null) {
                    myCircles.add(stint.circleId());
                }
            }
            myCircles.addAll(circles.facilitatedBy(caller.person()));
        }
        if (eventId != null) {
            EventView event = events.get(caller, eventId);
            if (!readsEvent(caller, event.id())) {
                throw Refusal.forbidden("Only the event's participants and staff see its documents");
            }
            myEvents.add(eventId);
        } else {
            myEvents.addAll(events.attendedOrStaffed(caller.person()));
        }
        boolean everything = circleId == null && eventId == null && caller.roles().contains(Role.ADMIN);
        List<DocumentRow> rows = everything ? documents.findAll().stream().filter(d -> d.archivedAt() == null)
                .sorted(java.util.Comparator.comparing(DocumentRow::createdAt).reversed()).toList()
                : documents.findFor(myCircles, myEvents, circleId, eventId);
        Map<UUID, Integer> mine = acknowledgedBy(caller.person(), rows);
        return rows.stream().map(r -> view(caller, r, mine.get(r.id()))).toList();
    }

    @Transactional(readOnly = true)
    public Document get(Caller caller, UUID id) {
        return view(caller, readable(caller, id));
    }

    /**
     * The file of the current version, or of {@code version}: its rows read here, its bytes opened from the store only
     * when they are read (after the transaction, and never for an answer that sends no body: a HEAD, a 304).
     */
    @Transactional(readOnly = true)
    public File file(Caller caller, UUID id, @Nullable Integer version) {
        DocumentRow row = readable(caller, id);
        VersionRow v = versions.find(id, version == null ? row.currentVersion() : version)
                .orElseThrow(() -> Refusal.notFound("No such version of the document"));
        String key = v.fileKey();
        return new File(v.fileName(), v.contentType(), v.sizeBytes(), v.uploadedAt(), () -> store.open(key).map(DocumentStore.Stored::content)
                .orElseThrow(() -> new UncheckedIOException(new FileNotFoundException("no file in the store under " + key))));
    }

    /**
     * He acknowledges the current version (a waiver or guidelines): {@code version} is the one he read; an older one is
     * 409 DOCUMENT_VERSION_STALE. Acknowledging again answers the first record.
     */
    @Transactional
    public Created acknowledge(Caller caller, UUID id, int version, String userAgent) {
        DocumentRow row = readable(caller, id);
        if (!row.kind().acknowledged()) {
            throw Refusal.invalid("documentId", "is a document to read: only waivers and guidelines are acknowledged");
        }
        if (version != row.currentVersion()) {
            throw new Refusal(Refusal.Kind.CONFLICT, ErrorCode.DOCUMENT_VERSION_STALE,
                    "Version " + row.currentVersion() + " is the current one: read it, then acknowledge it");
        }
        Optional<AcknowledgementRow> earlier = acknowledgements.find(id, version, caller.person());
        if (earlier.isPresent()) {
            return new Created(view(caller, row), true);
        }
        VersionRow current = versions.find(id, version).orElseThrow();
        String agent = userAgent == null ? "" : userAgent.length() > 500 ? userAgent.substring(0, 500) : userAgent;
        acknowledgements.save(new AcknowledgementRow(UUID.randomUUID(), id, version, caller.person(), current.sha256(), clock.instant(),
                caller.ip(), agent));
        return new Created(view(caller, row), false);
    }

    /** The acknowledgements' log, oldest first, as CSV rows (header first); cells that would start a formula are neutralised. */
    @Transactional(readOnly = true)
    public String log(Caller caller, UUID id) {
        DocumentRow row = readable(caller, id);
        requireManager(caller, row);
        List<AcknowledgementRow> rows = acknowledgements.findOf(id);
        Map<UUID, People.Contact> contacts = people.contacts(rows.stream().map(AcknowledgementRow::personId).distinct().toList());
        StringBuilder csv = new StringBuilder("document,version,person_id,name,email,sha256,acknowledged_at,ip,user_agent\r\n");
        for (AcknowledgementRow a : rows) {
            People.Contact contact = contacts.get(a.personId());
            csv.append(String.join(",", Csv.cell(row.title()), String.valueOf(a.version()), a.personId().toString(),
                    Csv.cell(contact == null ? "" : contact.name()), Csv.cell(contact == null ? "" : contact.email()), a.sha256(),
                    a.acknowledgedAt().toString(), Csv.cell(a.ip()), Csv.cell(a.userAgent()))).append("\r\n");
        }
        return csv.toString();
    }

    /** Archived: no one sees it any more; its files and log are kept (the log is evidence). */
    @Transactional
    public void archive(Caller caller, UUID id) {
        DocumentRow row = readable(caller, id);
        requireManager(caller, row);
        documents.archive(id);
    }

    /** The event's waivers he has not acknowledged in their current version: their titles (check-in refuses him then). */
    @Transactional(readOnly = true)
    public List<String> waiversMissing(UUID eventId, UUID personId) {
        List<DocumentRow> waivers = documents.findWaiversOf(eventId);
        Map<UUID, Integer> acknowledged = acknowledgedBy(personId, waivers);
        return waivers.stream().filter(w -> !Integer.valueOf(w.currentVersion()).equals(acknowledged.get(w.id()))).map(DocumentRow::title).toList();
    }

    /** A file received whole into a temporary file ({@link Spool}), hashed as it came, its type checked; closing it deletes it. */
    private record Received(Spool spool, String fileName, String contentType, String sha256) implements AutoCloseable {

        VersionRow row(UUID document, int version, String key, UUID by, Instant at) {
            return new VersionRow(document, version, key, fileName, contentType, spool.size(), sha256, by, at);
        }

        @Override
        public void close() {
            spool.close();
        }
    }

    /** Reads the file into a temporary file, at most {@link #MAX_BYTES} (413 beyond), then checks its name and type. */
    private static Received receive(FileUpload file) {
        if (file == null || file.content() == null) {
            throw Refusal.invalid("file", "is required and cannot be empty");
        }
        String name = file.fileName() == null ? "" : file.fileName().replaceAll("[\\p{Cntrl}/\\\\]", "").strip();
        if (name.isEmpty() || name.length() > 255) {
            throw Refusal.invalid("file", "needs a file name of 1 to 255 characters");
        }
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Spool spool = Spool.read(file.content(), "hearth-document-", MAX_BYTES, sha256::update,
                () -> Refusal.tooLarge("The file is larger than " + MAX_BYTES / (1024 * 1024) + " MB, the most a document may be"),
                () -> Refusal.malformed("file", "was cut off before its end: send it again"));
        try {
            if (spool.size() == 0) {
                throw Refusal.invalid("file", "is required and cannot be empty");
            }
            return new Received(spool, name, FileTypes.check(spool.path(), file.contentType(), name), HexFormat.of().formatHex(sha256.digest()));
        } catch (IOException e) {
            spool.close();
            throw new UncheckedIOException("could not check a document's file", e);
        } catch (RuntimeException e) {
            spool.close();
            throw e;
        }
    }

    /** Keeps the file in the store, under a key of its own (never reused: a failed attempt cannot replace a kept file). */
    private String keep(Tenant tenant, UUID document, Received received) {
        String key = tenant.id().value() + "/" + document + "/" + UUID.randomUUID();
        store.put(key, received.spool().path(), received.sha256(), received.contentType());
        return key;
    }

    /** The rows for a kept file: if they cannot be written, the file is deleted again, so that no file is kept for nothing. */
    private <T> T rowsOrNoFile(String key, Supplier<T> rows) {
        try {
            return rows.get();
        } catch (RuntimeException e) {
            try {
                store.delete(key);
            } catch (RuntimeException deleting) {
                e.addSuppressed(deleting);
            }
            throw e;
        }
    }

    private DocumentRow readable(Caller caller, UUID id) {
        return documents.findById(id).filter(d -> d.archivedAt() == null && reads(caller, d))
                .orElseThrow(() -> Refusal.notFound("No document with this id"));
    }

    private boolean reads(Caller caller, DocumentRow row) {
        return switch (row.audience()) {
            case ORGANISATION -> true;
            case CIRCLE -> circles.find(row.circleId()).map(c -> readsCircle(caller, c)).orElse(false);
            case EVENT -> readsEvent(caller, row.eventId());
        };
    }

    private boolean readsCircle(Caller caller, CircleView circle) {
        return Circles.manages(circle, caller) || caller.can(Permission.CIRCLES_VIEW_ALL) || memberships.isMember(circle.id(), caller.person());
    }

    private boolean readsEvent(Caller caller, UUID eventId) {
        return events.staffs(caller, eventId) || registrations.peopleComing(eventId).contains(caller.person());
    }

    private boolean manages(Caller caller, DocumentRow row) {
        return switch (row.audience()) {
            case ORGANISATION -> caller.can(Permission.ORGANISATION_MANAGE);
            case CIRCLE -> circles.find(row.circleId()).map(c -> Circles.manages(c, caller)).orElse(false);
            case EVENT -> events.runs(caller, row.eventId());
        };
    }

    private void requireManager(Caller caller, DocumentRow row) {
        if (!manages(caller, row)) {
            throw Refusal.forbidden("Only who shares to its audience manages a document");
        }
    }

    private void requireSharer(Caller caller, DocumentAudience audience, @Nullable UUID circleId, @Nullable UUID eventId) {
        switch (audience) {
            case ORGANISATION -> {
                if (!caller.can(Permission.ORGANISATION_MANAGE)) {
                    throw Refusal.forbidden("Only admins share documents with the whole organisation");
                }
            }
            case CIRCLE -> {
                if (!Circles.manages(circles.get(caller, circleId), caller)) {
                    throw Refusal.forbidden("Only the circle's facilitators and admins share documents with it");
                }
            }
            case EVENT -> {
                events.get(caller, eventId);
                if (!events.runs(caller, eventId)) {
                    throw Refusal.forbidden("Only the event's PTMs and admins share documents with its participants");
                }
            }
        }
    }

    private Map<UUID, Integer> acknowledgedBy(UUID person, List<DocumentRow> rows) {
        Map<UUID, Integer> newest = new HashMap<>();
        List<UUID> ids = rows.stream().filter(r -> r.kind().acknowledged()).map(DocumentRow::id).toList();
        if (ids.isEmpty()) {
            return newest;
        }
        for (AcknowledgementRow a : acknowledgements.findOfPerson(person, ids)) {
            newest.merge(a.documentId(), a.version(), Math::max);
        }
        return newest;
    }

    private Document view(Caller caller, DocumentRow row) {
        return view(caller, row, acknowledgedBy(caller.person(), List.of(row)).get(row.id()));
    }

    private Document view(Caller caller, DocumentRow row, @Nullable Integer acknowledgedVersion) {
        VersionRow current = versions.find(row.id(), row.currentVersion()).orElseThrow();
        boolean manager = manages(caller, row);
        return new Document(row.id(), row.kind(), row.title(), row.audience(), row.circleId(), row.eventId(), row.currentVersion(), current.fileName(),
                current.contentType(), current.sizeBytes(), current.sha256(), current.uploadedAt(), row.kind().acknowledged() ? acknowledgedVersion : null,
                row.kind().acknowledged() && Integer.valueOf(row.currentVersion()).equals(acknowledgedVersion), manager,
                manager && row.kind().acknowledged() ? acknowledgements.countOf(row.id(), row.currentVersion()) : null);
    }

    /** CSV cells as RFC 4180 quotes them, with a cell that a spreadsheet would run as a formula made text. */
    static final class Csv {
        private Csv() {
        }

        static String cell(String value) {
            String v = value == null ? "" : value;
            if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
                v = "'" + v;
            }
            return v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r") || v.startsWith("'")
                    ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
        }
    }
}
