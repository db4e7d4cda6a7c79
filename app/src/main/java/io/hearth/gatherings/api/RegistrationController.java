package io.hearth.gatherings.api;

import io.hearth.gatherings.CheckIns;
import io.hearth.gatherings.Referrals;
import io.hearth.gatherings.RegistrationView;
import io.hearth.gatherings.Registrations;
import io.hearth.gatherings.SeatPayments;
import io.hearth.gatherings.SensitiveData;
import io.hearth.gatherings.SeatRules;
import io.hearth.identity.Caller;
import io.hearth.identity.Permission;
import io.hearth.identity.RequiresPermission;
import io.hearth.tenancy.TenantBound;
import io.hearth.web.Paged;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Registering for events, the waiting list, cancelling, tickets and check-in. */
@TenantBound
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class RegistrationController {

    private final Registrations registrations;
    private final SensitiveData sensitiveData;
    private final Referrals referrals;
    private final CheckIns checkIns;
    private final SeatPayments payments;

    public RegistrationController(Registrations registrations, SensitiveData sensitiveData, Referrals referrals, CheckIns checkIns,
                                  SeatPayments payments) {
        this.registrations = registrations;
        this.payments = payments;
        this.sensitiveData = sensitiveData;
        this.referrals = referrals;
        this.checkIns = checkIns;
    }

    @Schema(name = "RegisterRequest")
    @Serdeable
    public record RegisterRequest(@Nullable @Size(max = 30) String priceOption, @Nullable UUID sponsorId, @Nullable Boolean keepWithSponsor,
                                  @Nullable @Size(max = 50) Map<@NotNull UUID, @NotNull String> answers, @Nullable @Size(max = 10) List<@NotNull UUID> acceptedWaivers,
                                  @Nullable @Size(max = 1000) String emergencyContact, @Nullable @Size(max = 5000) String medicalNotes,
                                  @Nullable @Min(1) @Max(12) Integer instalments) {
    }

    @Schema(name = "RegistrationCancelRequest")
    @Serdeable
    public record CancelRequest(@Nullable @Size(max = 1000) String reason) {
    }

    @Schema(name = "CheckInRequest")
    @Serdeable
    public record CheckInRequest(@NotBlank @Size(max = 4000) String token) {
    }

    @Post("/events/{id}/register")
    @RequiresPermission(Permission.EVENTS_REGISTER)
    @Operation(summary = "Register", description = "201 CONFIRMED, PENDING_PAYMENT (a paid event holds the seat for holdMinutes) or WAITLISTED with a position. "
            + "A held seat comes with checkoutUrl, Stripe Checkout on the organisation's account, when the organisation takes card payments "
            + "(null otherwise, or when Stripe cannot be reached: POST .../checkout later); with instalments (when the price option offers "
            + "them) its first monthly instalment. "
            + "warnings lists overlaps with his other registrations and circle meetings; they do not refuse. With an Idempotency-Key, "
            + "repeating the request answers the registration made the first time (and its open Checkout).")
    public HttpResponse<RegistrationView> register(Caller caller, @PathVariable UUID id, @Body @Valid RegisterRequest request,
                                                                 @Nullable @io.micronaut.http.annotation.Header("Idempotency-Key") @Size(min = 1, max = 200) String idempotencyKey) {
        Registrations.Application application = new Registrations.Application(request.priceOption(), request.sponsorId(),
                Boolean.TRUE.equals(request.keepWithSponsor()), request.answers() == null ? Map.of() : request.answers(),
                request.acceptedWaivers() == null ? List.of() : request.acceptedWaivers(), request.emergencyContact(), request.medicalNotes(),
                request.instalments());
        RegistrationView registered = registrations.register(caller, id, application, idempotencyKey);
        if (registered.status() == SeatRules.Status.PENDING_PAYMENT) {
            registered = registered.withCheckout(payments.checkoutFor(caller, registered, request.instalments() == null ? 1 : request.instalments()).orElse(null));
        }
        return HttpResponse.created(registered);
    }

    @Get("/events/{id}/registrations{?status,page,size}")
    @Operation(summary = "The event's registrations in order of arrival (its PTMs and admins)")
    public Paged<RegistrationView> list(Caller caller, @PathVariable UUID id, @Nullable @QueryValue SeatRules.Status status,
                                                      @Nullable @QueryValue @Min(0) @Max(100000) Integer page,
                                                      @Nullable @QueryValue @Min(1) @Max(500) Integer size) {
        return registrations.list(caller, id, status, page == null ? 0 : page, size == null ? 50 : size);
    }

    @Get("/events/{id}/registrations/{registrationId}")
    @Operation(summary = "One registration: his own, or for the event's PTMs and admins")
    public RegistrationView get(Caller caller, @PathVariable UUID id, @PathVariable UUID registrationId) {
        return registrations.get(caller, id, registrationId);
    }

    @Get("/events/{id}/registrations/{registrationId}/answers")
    @Operation(summary = "His answers to the registration questions and the waiver versions he accepted, with when")
    public Registrations.Answers answers(Caller caller, @PathVariable UUID id, @PathVariable UUID registrationId) {
        return registrations.answers(caller, id, registrationId);
    }

    @Post("/events/{id}/registrations/{registrationId}/cancel")
    @Operation(summary = "Cancel", description = "The man himself until the cutoff (409 CANCELLATION_CLOSED after); the event's staff any time, with a reason. "
            + "The freed seat is offered to the first on the waiting list in the same change.")
    public RegistrationView cancel(Caller caller, @PathVariable UUID id, @PathVariable UUID registrationId, @Body @Valid CancelRequest request) {
        return registrations.cancel(caller, id, registrationId, request.reason());
    }

    @Post("/events/{id}/registrations/{registrationId}/accept")
    @Operation(summary = "Take the seat offered from the waiting list, before the offer lapses")
    public RegistrationView accept(Caller caller, @PathVariable UUID id, @PathVariable UUID registrationId) {
        return registrations.acceptOffer(caller, id, registrationId);
    }

    @Post("/events/{id}/registrations/{registrationId}/confirm-payment")
    @Operation(summary = "Mark a held seat as paid (the event's PTMs and admins, by hand until payments)")
    public RegistrationView confirmPayment(Caller caller, @PathVariable UUID id, @PathVariable UUID registrationId) {
        return registrations.confirmPayment(caller, id, registrationId);
    }

    @Get("/events/{id}/registrations/{registrationId}/sensitive")
    @Operation(summary = "Emergency contact and medical notes (the event's PTMs and care team only)")
    public Registrations.Sensitive sensitive(Caller caller, @PathVariable UUID id, @PathVariable UUID registrationId) {
        return sensitiveData.sensitive(caller, id, registrationId);
    }

    @Schema(name = "SensitiveOfAll")
    @Serdeable
    public record SensitiveOfAll(UUID eventId, List<Registrations.Sensitive> entries) {
    }

    @Get("/events/{id}/sensitive")
    @Operation(summary = "Emergency contacts and medical notes of everyone with or waiting for a seat, in one answer (the event's PTMs and care team only)",
            description = "What staff keep on a device for a retreat.")
    public SensitiveOfAll sensitiveOfAll(Caller caller, @PathVariable UUID id) {
        return new SensitiveOfAll(id, sensitiveData.sensitiveOfAll(caller, id));
    }

    @Get("/events/{id}/registrations/{registrationId}/ticket")
    @Operation(summary = "The check-in ticket of a confirmed registration: a signed token and its QR code")
    public CheckIns.Ticket ticket(Caller caller, @PathVariable UUID id, @PathVariable UUID registrationId) {
        return checkIns.ticket(caller, id, registrationId);
    }

    @Post("/events/{id}/check-in")
    @Operation(summary = "Check a man in with his ticket's token (the event's staff)", description = "Checking in twice is harmless: alreadyCheckedIn says so.")
    public CheckIns.CheckedIn checkIn(Caller caller, @PathVariable UUID id, @Body @Valid CheckInRequest request) {
        return checkIns.checkIn(caller, id, request.token());
    }

    @Get("/events/{id}/roster")
    @Operation(summary = "Everyone with or waiting for a seat, by name (the event's staff)", description = "What a device keeps to check men in offline.")
    public CheckIns.Roster roster(Caller caller, @PathVariable UUID id) {
        return checkIns.roster(caller, id);
    }

    @Get("/events/{id}/attendance")
    @Operation(summary = "Who checked in (the event's staff)")
    public CheckIns.AttendanceReport attendance(Caller caller, @PathVariable UUID id) {
        return checkIns.attendance(caller, id);
    }

    @Get("/me/registrations{?page,size}")
    @Operation(summary = "His registrations, newest first")
    public Paged<RegistrationView> mine(Caller caller, @Nullable @QueryValue @Min(0) @Max(100000) Integer page,
                                                      @Nullable @QueryValue @Min(1) @Max(200) Integer size) {
        return registrations.mine(caller, page == null ? 0 : page, size == null ? 50 : size);
    }

    @Get("/reports/referrals{?page,size}")
    @RequiresPermission(Permission.REPORTS_VIEW)
    @Operation(summary = "Referrals per member, most first: registrations (not cancelled) that named him as the one who brought them")
    public Paged<Registrations.Referral> referrals(Caller caller, @Nullable @QueryValue @Min(0) @Max(100000) Integer page,
                                                   @Nullable @QueryValue @Min(1) @Max(500) Integer size) {
        return Paged.of(referrals.referrals(caller), page == null ? 0 : page, size == null ? 100 : size);
    }
}
