package io.hearth.outreach.api;

import io.hearth.identity.Caller;
import io.hearth.outreach.Outreach;
import io.hearth.tenancy.TenantBound;
import io.hearth.web.Paged;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.net.URI;
import java.util.UUID;

/** Outreach: contacts who are not members yet, and campaigns mailed to them. */
@TenantBound
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class OutreachController {

    private final Outreach outreach;

    public OutreachController(Outreach outreach) {
        this.outreach = outreach;
    }

    @Schema(name = "ContactRequest", description = "consent must be true; invitedBy (organisers only): the member who brought him — a member "
            + "adding a friend is his inviter")
    @Serdeable
    public record ContactRequest(@NotNull @Size(max = 1000) String email, @NotNull @Size(max = 1000) String firstName,
                                 @Nullable @Size(max = 1000) String lastName, @Nullable @Size(max = 1000) String source, @Nullable Boolean consent,
                                 @Nullable @Size(max = 2000) String consentNote, @Nullable UUID invitedBy) {
    }

    @Schema(name = "CampaignRequest", description = "segmentSource: only contacts of this source (all when absent); invitedOnly: only contacts a "
            + "member brought; eventId: the evening it invites to")
    @Serdeable
    public record CampaignRequest(@NotNull @Size(max = 1000) String title, @NotNull @Size(max = 1000) String subject, @NotNull @Size(max = 50000) String body,
                                  @Nullable UUID eventId, @Nullable @Size(max = 1000) String segmentSource, @Nullable Boolean invitedOnly) {
    }

    @Schema(name = "AttendanceRequest")
    @Serdeable
    public record AttendanceRequest(@NotNull Boolean came) {
    }

    @Post("/contacts")
    @Operation(summary = "Add a contact", description = "Organisers (admins, leadership) add anyone met; any member adds a friend he brings (he is "
            + "the inviter). 201; 422 for an address that is a contact or a member already, or without consent.")
    public HttpResponse<Outreach.Contact> addContact(Caller caller, @Body @Valid ContactRequest request) {
        Outreach.Contact contact = outreach.addContact(caller, new Outreach.ContactDraft(request.email(), request.firstName(), request.lastName(),
                request.source(), Boolean.TRUE.equals(request.consent()), request.consentNote(), request.invitedBy()));
        return HttpResponse.created(contact, URI.create("/api/v1/contacts/" + contact.id()));
    }

    @Get("/contacts{?page,size}")
    @Operation(summary = "Contacts", description = "Organisers: all; a member: the friends he brought.")
    public Paged<Outreach.Contact> contacts(Caller caller, @Nullable @QueryValue @Min(0) @Max(100000) Integer page,
                                            @Nullable @QueryValue @Min(1) @Max(100) Integer size) {
        return outreach.contacts(caller, page == null ? 0 : page, size == null ? 50 : size);
    }

    @Delete("/contacts/{id}")
    @Operation(summary = "Erase a contact", description = "204: his address and names are erased.")
    public HttpResponse<Void> erase(Caller caller, @PathVariable UUID id) {
        outreach.eraseContact(caller, id);
        return HttpResponse.noContent();
    }

    @Post("/campaigns")
    @Operation(summary = "A campaign, as a draft", description = "Admins and leadership. 201.")
    public HttpResponse<Outreach.Campaign> create(Caller caller, @Body @Valid CampaignRequest request) {
        Outreach.Campaign campaign = outreach.createCampaign(caller, new Outreach.CampaignDraft(request.title(), request.subject(), request.body(),
                request.eventId(), request.segmentSource(), Boolean.TRUE.equals(request.invitedOnly())));
        return HttpResponse.created(campaign, URI.create("/api/v1/campaigns/" + campaign.id()));
    }

    @Get("/campaigns{?page,size}")
    public Paged<Outreach.Campaign> campaigns(Caller caller, @Nullable @QueryValue @Min(0) @Max(100000) Integer page,
                                              @Nullable @QueryValue @Min(1) @Max(100) Integer size) {
        return outreach.campaigns(caller, page == null ? 0 : page, size == null ? 20 : size);
    }

    @Get("/campaigns/{id}")
    public Outreach.Campaign campaign(Caller caller, @PathVariable UUID id) {
        return outreach.campaign(caller, id);
    }

    @Post("/campaigns/{id}/send")
    @Operation(summary = "Mail the campaign to its segment", description = "Each contact not yet invited by it gets his personal RSVP link; sending "
            + "again mails only contacts added since. With the same Idempotency-Key nothing is sent again. 200.")
    public Outreach.SendResult send(Caller caller, @PathVariable UUID id,
                                    @Nullable @Header("Idempotency-Key") @Size(min = 1, max = 200) String idempotencyKey) {
        return outreach.send(caller, id, idempotencyKey);
    }

    @Put("/campaigns/{id}/invitations/{invitationId}/attendance")
    @Operation(summary = "Whether he came")
    public Outreach.ReportLine attendance(Caller caller, @PathVariable UUID id, @PathVariable UUID invitationId, @Body @Valid AttendanceRequest request) {
        return outreach.markCame(caller, id, invitationId, request.came());
    }

    @Get("/campaigns/{id}/report")
    @Operation(summary = "The campaign in numbers", description = "Sent, answers, came, became members, joined a circle, unsubscribed; and per invitation.")
    public Outreach.Report report(Caller caller, @PathVariable UUID id) {
        return outreach.report(caller, id);
    }
}
