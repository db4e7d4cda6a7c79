package io.hearth.outreach;

import io.hearth.circles.Memberships;
import io.hearth.crypto.SignedTokens;
import io.hearth.gatherings.EventView;
import io.hearth.gatherings.Gatherings;
import io.hearth.identity.Caller;
import io.hearth.identity.People;
import io.hearth.identity.Permission;
import io.hearth.identity.PublicLinks;
import io.hearth.kit.Refusal;
import io.hearth.kit.outbox.Outbox;
import io.hearth.messaging.Mailer;
import io.hearth.outreach.internal.CampaignRepository;
import io.hearth.outreach.internal.CampaignRow;
import io.hearth.outreach.internal.ContactRepository;
import io.hearth.outreach.internal.ContactRow;
import io.hearth.outreach.internal.InvitationRepository;
import io.hearth.outreach.internal.InvitationRow;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import io.hearth.web.Paged;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.inject.Singleton;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Outreach: men who are not members yet, kept with their consent and where they came from, and campaigns (an intro
 * evening) mailed to a segment of them, each with a personal RSVP link. The link's page answers a GET with the
 * invitation and buttons, and records only a POST (mail scanners follow links); opens are not counted; unsubscribing
 * is one POST (RFC 8058). The warm-invite chain: a member adds a friend he brought, is told when the friend answers,
 * and is asked to follow up when he does not.
 */
@TenantBound
@Singleton
public class Outreach {

    /** After how long without an answer the member who brought a contact is asked to follow up. */
    static final Duration FOLLOW_UP_AFTER = Duration.ofDays(3);
    private static final String PURPOSE = "rsvp";
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");

    private final ContactRepository contacts;
    private final CampaignRepository campaigns;
    private final InvitationRepository invitations;
    private final People people;
    private final Memberships memberships;
    private final Gatherings events;
    private final Mailer mailer;
    private final SignedTokens tokens;
    private final PublicLinks links;
    private final Outbox outbox;
    private final Clock clock;

    public Outreach(ContactRepository contacts, CampaignRepository campaigns, InvitationRepository invitations, People people, Memberships memberships,
                    Gatherings events, Mailer mailer, SignedTokens tokens, PublicLinks links, Outbox outbox, Clock clock) {
        this.contacts = contacts;
        this.campaigns = campaigns;
        this.invitations = invitations;
        this.people = people;
        this.memberships = memberships;
        this.events = events;
        this.mailer = mailer;
        this.tokens = tokens;
        this.links = links;
        this.outbox = outbox;
        this.clock = clock;
    }

    public record ContactDraft(String email, String firstName, @Nullable String lastName, @Nullable String source, boolean consent,
                               @Nullable String consentNote, @Nullable UUID invitedBy) {
    }

    /** A contact; {@code member} when a member of the organisation now has his address. */
    @Schema(name = "Contact")
    @Serdeable
    public record Contact(UUID id, String email, String firstName, String lastName, String source, Instant consentGivenAt, String consentNote,
                          @Nullable Instant unsubscribedAt, @Nullable UUID invitedBy, @Nullable String invitedByName, Instant createdAt, boolean member) {
    }

    public record CampaignDraft(String title, String subject, String body, @Nullable UUID eventId, @Nullable String segmentSource, boolean invitedOnly) {
    }

    @Schema(name = "Campaign")
    @Serdeable
    public record Campaign(UUID id, String title, String subject, String body, @Nullable UUID eventId, @Nullable String eventTitle,
                           @Nullable String segmentSource, boolean invitedOnly, String status, Instant createdAt, @Nullable Instant sentAt,
                           int segmentSize, int invited) {
    }

    @Schema(name = "CampaignSendResult", description = "invited: contacts mailed by this send; total: invited by the campaign in all")
    @Serdeable
    public record SendResult(UUID campaignId, int invited, int total) {
    }

    /** A campaign in numbers: sent, answers, who came, who became a member, who joined a circle. */
    @Schema(name = "CampaignReport")
    @Serdeable
    public record Report(UUID campaignId, int sent, int yes, int maybe, int no, int unanswered, int came, int becameMembers, int joinedCircle,
                         int unsubscribed, List<ReportLine> invitations) {
    }

    @Schema(name = "CampaignReportLine")
    @Serdeable
    public record ReportLine(UUID invitationId, UUID contactId, String name, @Nullable String invitedByName, @Nullable String rsvp,
                             @Nullable Instant rsvpAt, @Nullable Instant cameAt, boolean member, boolean inCircle) {
    }

    /** What the RSVP page shows. */
    public record Invitation(String organisation, String firstName, String title, String body, @Nullable String eventTitle, @Nullable String when,
                             @Nullable String venue, @Nullable String rsvp, boolean unsubscribed) {
    }

    // Contacts

    @Transactional
    public Contact addContact(Caller caller, ContactDraft draft) {
        boolean organiser = organiser(caller);
        if (!organiser && !caller.can(Permission.CIRCLES_JOIN)) {
            throw Refusal.forbidden("Only members bring friends, and organisers add contacts");
        }
        String email = draft.email() == null ? "" : draft.email().strip();
        if (!EMAIL.matcher(email).matches() || email.length() > 254) {
            throw Refusal.invalid("email", "is not an email address");
        }
        String first = text("firstName", draft.firstName(), 1, 100);
        String last = draft.lastName() == null ? "" : text("lastName", draft.lastName(), 0, 100);
        if (!draft.consent()) {
            throw Refusal.invalid("consent", "must be true: he said yes to hearing from the organisation");
        }
        UUID invitedBy = organiser ? draft.invitedBy() : caller.person();
        if (invitedBy != null && !people.isActive(invitedBy)) {
            throw Refusal.invalid("invitedBy", "is not an active member");
        }
        String source = draft.source() == null || draft.source().isBlank() ? (invitedBy != null ? "Friend of a member" : "")
                : text("source", draft.source(), 1, 100);
        if (source.isEmpty()) {
            throw Refusal.invalid("source", "is required: where he was met");
        }
        String note = draft.consentNote() == null || draft.consentNote().isBlank()
                ? (organiser ? "" : "Given to " + people.names(List.of(caller.person())).getOrDefault(caller.person(), "a member") + ", who added him")
                : text("consentNote", draft.consentNote(), 1, 500);
        if (note.isEmpty()) {
            throw Refusal.invalid("consentNote", "is required: when and how he said yes");
        }
        if (people.withEmail(email).isPresent()) {
            throw Refusal.invalid("email", "belongs to a member already");
        }
        if (contacts.findByEmail(email).isPresent()) {
            throw Refusal.invalid("email", "is a contact already");
        }
        Instant now = clock.instant();
        ContactRow row = contacts.save(new ContactRow(UUID.randomUUID(), email, first, last, source, now, note, null, invitedBy, caller.person(), now, null));
        return view(row);
    }

    /** Organisers see every contact; a member the friends he brought. */
    @Transactional(readOnly = true)
    public Paged<Contact> contacts(Caller caller, int page, int size) {
        UUID only = organiser(caller) ? null : caller.person();
        return new Paged<>(contacts.findCurrent(only, size, (long) page * size).stream().map(this::view).toList(), page, size, contacts.countCurrent(only));
    }

    /** Erased: his address and names are gone; the campaigns' counts keep him as a number. */
    @Transactional
    public void eraseContact(Caller caller, UUID id) {
        ContactRow row = contacts.findById(id).filter(c -> c.deletedAt() == null).orElseThrow(() -> Refusal.notFound("No contact with this id"));
        if (!organiser(caller) && !caller.person().equals(row.invitedBy())) {
            throw Refusal.notFound("No contact with this id");
        }
        contacts.update(new ContactRow(row.id(), "erased-" + row.id() + "@invalid", "Erased", "", row.source(), row.consentGivenAt(), "erased",
                row.unsubscribedAt(), row.invitedBy(), row.createdBy(), row.createdAt(), clock.instant()));
    }

    // Campaigns

    @Transactional
    public Campaign createCampaign(Caller caller, CampaignDraft draft) {
        requireOrganiser(caller);
        String title = text("title", draft.title(), 1, 200);
        String subject = text("subject", draft.subject(), 1, 200).replaceAll("[\\r\\n]+", " ");
        String body = text("body", draft.body(), 1, 20_000);
        if (draft.eventId() != null) {
            events.get(caller, draft.eventId());
        }
        String source = draft.segmentSource() == null || draft.segmentSource().isBlank() ? null : text("segmentSource", draft.segmentSource(), 1, 100);
        CampaignRow row = campaigns.save(new CampaignRow(UUID.randomUUID(), title, subject, body, draft.eventId(), source, draft.invitedOnly(), "DRAFT",
                caller.person(), clock.instant(), null, null));
        return view(row);
    }

    @Transactional(readOnly = true)
    public Paged<Campaign> campaigns(Caller caller, int page, int size) {
        requireOrganiser(caller);
        return new Paged<>(campaigns.findPage(size, (long) page * size).stream().map(this::view).toList(), page, size, campaigns.count());
    }

    @Transactional(readOnly = true)
    public Campaign campaign(Caller caller, UUID id) {
        requireOrganiser(caller);
        return view(campaigns.findById(id).orElseThrow(() -> Refusal.notFound("No campaign with this id")));
    }

    /**
     * Mails the campaign to every contact of its segment not invited by it yet, each with his own RSVP link. Sending
     * again mails only the contacts added since; with the same Idempotency-Key, nothing is sent again.
     */
    @Transactional
    public SendResult send(Caller caller, UUID id, @Nullable String idempotencyKey) {
        requireOrganiser(caller);
        CampaignRow campaign = campaigns.lock(id).orElseThrow(() -> Refusal.notFound("No campaign with this id"));
        if (idempotencyKey != null && idempotencyKey.equals(campaign.sendKey())) {
            return new SendResult(id, 0, invitations.findOf(id).size());
        }
        Optional<EventView> event = campaign.eventId() == null ? Optional.empty() : events.find(campaign.eventId());
        Instant now = clock.instant();
        int sent = 0;
        for (ContactRow contact : contacts.findSegment(campaign.segmentSource(), campaign.segmentInvitedOnly())) {
            if (invitations.invited(id, contact.id()) || people.withEmail(contact.email()).isPresent()) {
                continue;
            }
            InvitationRow invitation = invitations.save(new InvitationRow(UUID.randomUUID(), id, contact.id(), now, null, null, null, null));
            mail(caller.tenant(), campaign, contact, invitation, event);
            sent++;
        }
        campaigns.update(new CampaignRow(campaign.id(), campaign.title(), campaign.subject(), campaign.body(), campaign.eventId(), campaign.segmentSource(),
                campaign.segmentInvitedOnly(), "SENT", campaign.createdBy(), campaign.createdAt(), campaign.sentAt() == null ? now : campaign.sentAt(),
                idempotencyKey == null ? campaign.sendKey() : idempotencyKey));
        outbox.publish(new OutreachEvent.CampaignSent(caller.tenant().id(), id, sent, caller.person()));
        return new SendResult(id, sent, invitations.findOf(id).size());
    }

    /** Organisers mark who came (he is not a member: there is no ticket to scan). */
    @Transactional
    public ReportLine markCame(Caller caller, UUID campaignId, UUID invitationId, boolean came) {
        requireOrganiser(caller);
        InvitationRow invitation = invitations.lock(invitationId).filter(i -> i.campaignId().equals(campaignId))
                .orElseThrow(() -> Refusal.notFound("No invitation of this campaign with this id"));
        InvitationRow updated = invitations.update(new InvitationRow(invitation.id(), invitation.campaignId(), invitation.contactId(),
                invitation.sentAt(), invitation.rsvp(), invitation.rsvpAt(), came ? (invitation.cameAt() == null ? clock.instant() : invitation.cameAt()) : null,
                invitation.remindedAt()));
        return line(updated, contacts.findById(updated.contactId()).orElseThrow());
    }

    @Transactional(readOnly = true)
    public Report report(Caller caller, UUID id) {
        requireOrganiser(caller);
        campaigns.findById(id).orElseThrow(() -> Refusal.notFound("No campaign with this id"));
        List<ReportLine> lines = invitations.findOf(id).stream().map(i -> line(i, contacts.findById(i.contactId()).orElseThrow())).toList();
        int yes = 0;
        int maybe = 0;
        int no = 0;
        int came = 0;
        int members = 0;
        int circled = 0;
        int unsubscribed = 0;
        for (ReportLine line : lines) {
            if ("YES".equals(line.rsvp())) {
                yes++;
            } else if ("MAYBE".equals(line.rsvp())) {
                maybe++;
            } else if ("NO".equals(line.rsvp())) {
                no++;
            }
            came += line.cameAt() != null ? 1 : 0;
            members += line.member() ? 1 : 0;
            circled += line.inCircle() ? 1 : 0;
        }
        for (InvitationRow i : invitations.findOf(id)) {
            unsubscribed += contacts.findById(i.contactId()).map(c -> c.unsubscribedAt() != null ? 1 : 0).orElse(0);
        }
        return new Report(id, lines.size(), yes, maybe, no, lines.size() - yes - maybe - no, came, members, circled, unsubscribed, lines);
    }

    // The RSVP page: no caller, the token names the invitation.

    @Transactional(readOnly = true)
    public Optional<Invitation> invitation(Tenant tenant, String token) {
        return read(tenant, token).flatMap(invitations::findById).flatMap(i -> campaigns.findById(i.campaignId())
                .flatMap(c -> contacts.findById(i.contactId()).filter(k -> k.deletedAt() == null).map(k -> page(tenant, c, k, i))));
    }

    /** Records his answer (a POST); he may change it. */
    @Transactional
    public Optional<Invitation> answer(Tenant tenant, String token, String answer) {
        String rsvp = answer == null ? "" : answer.strip().toUpperCase(Locale.ROOT);
        if (!List.of("YES", "MAYBE", "NO").contains(rsvp)) {
            throw Refusal.invalid("answer", "is YES, MAYBE or NO");
        }
        Optional<UUID> id = read(tenant, token);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        Optional<InvitationRow> locked = invitations.lock(id.get());
        if (locked.isEmpty()) {
            return Optional.empty();
        }
        InvitationRow invitation = locked.get();
        Optional<ContactRow> contact = contacts.findById(invitation.contactId()).filter(k -> k.deletedAt() == null);
        if (contact.isEmpty()) {
            return Optional.empty();
        }
        if (!rsvp.equals(invitation.rsvp())) {
            invitations.update(new InvitationRow(invitation.id(), invitation.campaignId(), invitation.contactId(), invitation.sentAt(), rsvp,
                    clock.instant(), invitation.cameAt(), invitation.remindedAt()));
            outbox.publish(new OutreachEvent.ContactAnswered(tenant.id(), invitation.campaignId(), invitation.id(), invitation.contactId(), rsvp,
                    contact.get().invitedBy()));
        }
        return invitation(tenant, token);
    }

    /** One-click unsubscribe (RFC 8058): no more campaigns to him. */
    @Transactional
    public Optional<Invitation> unsubscribe(Tenant tenant, String token) {
        Optional<InvitationRow> invitation = read(tenant, token).flatMap(invitations::findById);
        if (invitation.isEmpty()) {
            return Optional.empty();
        }
        Optional<ContactRow> contact = contacts.findById(invitation.get().contactId()).filter(k -> k.deletedAt() == null);
        contact.filter(c -> c.unsubscribedAt() == null).ifPresent(c -> contacts.update(new ContactRow(c.id(), c.email(), c.firstName(), c.lastName(),
                c.source(), c.consentGivenAt(), c.consentNote(), clock.instant(), c.invitedBy(), c.createdBy(), c.createdAt(), c.deletedAt())));
        return contact.isEmpty() ? Optional.empty() : invitation(tenant, token);
    }

    /** Invitations unanswered for {@link #FOLLOW_UP_AFTER}, of contacts a member brought: he is asked to follow up, once. */
    @Transactional
    public int followUpsDue(Tenant tenant) {
        Instant now = clock.instant();
        int due = 0;
        for (InvitationRow invitation : invitations.findUnansweredBefore(now.minus(FOLLOW_UP_AFTER))) {
            Optional<ContactRow> contact = contacts.findById(invitation.contactId());
            if (contact.isEmpty() || contact.get().invitedBy() == null || invitations.markReminded(invitation.id(), now) == 0) {
                continue;
            }
            outbox.publish(new OutreachEvent.FollowUpDue(tenant.id(), invitation.campaignId(), invitation.id(), invitation.contactId(),
                    contact.get().invitedBy()));
            due++;
        }
        return due;
    }

    /** A contact's first name and a campaign's title, for notices. */
    @Transactional(readOnly = true)
    public Optional<String[]> names(UUID contactId, UUID campaignId) {
        return contacts.findById(contactId).filter(c -> c.deletedAt() == null)
                .flatMap(c -> campaigns.findById(campaignId).map(k -> new String[]{(c.firstName() + " " + c.lastName()).strip(), k.title()}));
    }

    /** The link of this invitation's page. */
    public String rsvpLink(Tenant tenant, UUID invitationId) {
        byte[] payload = ByteBuffer.allocate(32).putLong(tenant.id().value().getMostSignificantBits()).putLong(tenant.id().value().getLeastSignificantBits())
                .putLong(invitationId.getMostSignificantBits()).putLong(invitationId.getLeastSignificantBits()).array();
        return links.to(tenant, "/rsvp/" + tokens.sign(PURPOSE, payload));
    }

    private Optional<UUID> read(Tenant tenant, String token) {
        return tokens.read(PURPOSE, token).filter(b -> b.length == 32).map(ByteBuffer::wrap)
                .filter(b -> new UUID(b.getLong(), b.getLong()).equals(tenant.id().value())).map(b -> new UUID(b.getLong(16), b.getLong(24)));
    }

    private void mail(Tenant tenant, CampaignRow campaign, ContactRow contact, InvitationRow invitation, Optional<EventView> event) {
        String link = rsvpLink(tenant, invitation.id());
        StringBuilder text = new StringBuilder("Hello ").append(contact.firstName()).append(",\n\n").append(campaign.body()).append("\n\n");
        event.ifPresent(e -> text.append(e.title()).append("\n").append(when(e)).append(e.venue() == null || e.venue().isBlank() ? "" : "\n" + e.venue())
                .append("\n\n"));
        text.append("Will you come? Answer here (yes, maybe or no):\n").append(link).append("\n\n")
                .append("You get this because you told ").append(tenant.name()).append(" you would like to hear from them (").append(contact.source())
                .append("). To hear no more: ").append(link).append("/unsubscribe\n");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("List-Unsubscribe", "<" + link + "/unsubscribe>");
        headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        mailer.send(tenant, contact.email(), campaign.subject(), text.toString(), headers);
    }

    private Invitation page(Tenant tenant, CampaignRow campaign, ContactRow contact, InvitationRow invitation) {
        Optional<EventView> event = campaign.eventId() == null ? Optional.empty() : events.find(campaign.eventId());
        return new Invitation(tenant.name(), contact.firstName(), campaign.title(), campaign.body(), event.map(EventView::title).orElse(null),
                event.map(Outreach::when).orElse(null), event.map(EventView::venue).orElse(null), invitation.rsvp(), contact.unsubscribedAt() != null);
    }

    private static String when(EventView event) {
        ZoneId zone = ZoneId.of(event.timeZone());
        return DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm", Locale.ENGLISH).withZone(zone).format(event.startsAt()) + " (" + zone.getId() + ")";
    }

    private ReportLine line(InvitationRow invitation, ContactRow contact) {
        Optional<UUID> person = contact.deletedAt() == null ? people.withEmail(contact.email()) : Optional.empty();
        boolean inCircle = person.map(p -> !memberships.stintsOf(p).isEmpty()).orElse(false);
        String inviter = contact.invitedBy() == null ? null : people.names(List.of(contact.invitedBy())).get(contact.invitedBy());
        return new ReportLine(invitation.id(), contact.id(), (contact.firstName() + " " + contact.lastName()).strip(), inviter, invitation.rsvp(),
                invitation.rsvpAt(), invitation.cameAt(), person.isPresent(), inCircle);
    }

    private Contact view(ContactRow row) {
        String inviter = row.invitedBy() == null ? null : people.names(List.of(row.invitedBy())).get(row.invitedBy());
        return new Contact(row.id(), row.email(), row.firstName(), row.lastName(), row.source(), row.consentGivenAt(), row.consentNote(),
                row.unsubscribedAt(), row.invitedBy(), inviter, row.createdAt(), people.withEmail(row.email()).isPresent());
    }

    private Campaign view(CampaignRow row) {
        String eventTitle = row.eventId() == null ? null : events.find(row.eventId()).map(EventView::title).orElse(null);
        return new Campaign(row.id(), row.title(), row.subject(), row.body(), row.eventId(), eventTitle, row.segmentSource(), row.segmentInvitedOnly(),
                row.status(), row.createdAt(), row.sentAt(), contacts.findSegment(row.segmentSource(), row.segmentInvitedOnly()).size(),
                invitations.findOf(row.id()).size());
    }

    private static boolean organiser(Caller caller) {
        return caller.can(Permission.ANNOUNCEMENTS_POST);
    }

    private static void requireOrganiser(Caller caller) {
        if (!organiser(caller)) {
            throw Refusal.forbidden("Only admins and leadership run campaigns");
        }
    }

    private static String text(String field, @Nullable String value, int min, int max) {
        String v = value == null ? "" : value.strip();
        if (v.length() < min || v.length() > max) {
            throw Refusal.invalid(field, "must be " + min + " to " + max + " characters");
        }
        return v;
    }
}
