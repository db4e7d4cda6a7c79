package io.hearth.identity.api;

import io.hearth.identity.AllowedBeforeMfa;
import io.hearth.identity.EmailChanges;
import io.hearth.identity.MailThrottle;
import io.hearth.identity.SignUp;
import io.hearth.identity.Caller;
import io.hearth.identity.OrganisationSettings;
import io.hearth.identity.People;
import io.hearth.identity.Permission;
import io.hearth.identity.PersonView;
import io.hearth.identity.PersonalData;
import io.hearth.identity.Profiles;
import io.hearth.identity.Role;
import io.hearth.identity.internal.PersonRow;
import io.hearth.kit.Refusal;
import io.hearth.messaging.Languages;
import io.hearth.tenancy.TenantBound;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.List;

/** The signed-in person: his profile and permissions, his data, and erasing it. */
@TenantBound
@Controller("/api/v1/me")
@ExecuteOn(TaskExecutors.BLOCKING)
public class MeController {

    private final People people;
    private final PersonalData personalData;
    private final SignUp signUp;
    private final MailThrottle mailThrottle;
    private final Profiles profiles;
    private final EmailChanges emailChanges;

    public MeController(People people, PersonalData personalData, SignUp signUp, MailThrottle mailThrottle, Profiles profiles,
                        EmailChanges emailChanges) {
        this.profiles = profiles;
        this.emailChanges = emailChanges;
        this.people = people;
        this.personalData = personalData;
        this.signUp = signUp;
        this.mailThrottle = mailThrottle;
    }

    @Schema(name = "MeResponse")
    @Serdeable
    public record MeResponse(PersonView person, List<Role> roles, List<String> permissions, boolean mfaRequired,
                             @Schema(description = "The zone he lives by: his own, else the organisation's") String timeZone,
                             @Schema(description = "The language Hearth writes to him in: his own, else the organisation's") String language) {
    }

    @Schema(name = "ProfileChange", description = "Absent fields stay as they are; timeZone or language \"\" follows the organisation's again")
    @Serdeable
    public record ProfileRequest(@Nullable @Size(max = Profiles.NAME_LENGTH) String firstName,
                                 @Nullable @Size(max = Profiles.NAME_LENGTH) String lastName,
                                 @Nullable @Size(max = 64) String timeZone,
                                 @Nullable @Size(max = 8) String language) {
    }

    @Get
    @AllowedBeforeMfa
    @Operation(summary = "The signed-in person, his roles and effective permissions")
    public MeResponse me(Caller caller) {
        PersonRow person = people.find(caller, caller.person()).orElseThrow(() -> Refusal.unauthorized("The account is gone"));
        return response(caller, person);
    }

    @Patch
    @Operation(summary = "Change his name, time zone or language",
            description = "200 with him as GET shows him; 422 for an empty name, an unknown zone or a language Hearth does not write in.")
    public MeResponse change(Caller caller, @Valid @Body ProfileRequest request) {
        PersonRow person = profiles.change(caller, new Profiles.Change(request.firstName(), request.lastName(), request.timeZone(), request.language()));
        return response(caller, person);
    }

    private MeResponse response(Caller caller, PersonRow person) {
        OrganisationSettings settings = people.settings(caller);
        boolean mfaRequired = !person.mfaEnabled() && settings.requiresMfa(caller.roles());
        return new MeResponse(person.view(caller.roles()), caller.roles().stream().sorted().toList(),
                caller.permissions().stream().map(Permission::code).sorted().toList(), mfaRequired,
                person.timeZone() != null ? person.timeZone() : settings.timeZone(),
                Languages.isSupported(person.language()) ? person.language() : Languages.locale(settings.language()).getLanguage());
    }

    @Post("/email/confirmation")
    @Operation(summary = "Mail him a link to confirm his address again (after it bounced)",
            description = "202; 409 when his address is confirmed already; 429 as for other requests that send mail.")
    public HttpResponse<?> confirmEmailAgain(Caller caller) {
        PersonRow person = people.find(caller, caller.person()).orElseThrow(() -> Refusal.unauthorized("The account is gone"));
        mailThrottle.admit(caller.tenant(), person.email(), caller.ip());
        signUp.confirmAgain(caller);
        return HttpResponse.accepted();
    }

    @Schema(name = "EmailChangeRequest")
    @Serdeable
    public record EmailChangeRequest(@NotBlank @Email @Size(max = 254) String email, @NotBlank @Size(max = 1000) String password) {
    }

    @Schema(name = "EmailChangeResponse")
    @Serdeable
    public record EmailChangeResponse(String detail) {
    }

    @Post("/email")
    @Operation(summary = "Move his account to a new address: a link goes to it, and the change is made when he opens it",
            description = "202 whether or not the address has an account (its owner is told instead; nothing changes). 422 INVALID_CREDENTIALS "
                    + "for a wrong password (counted as a failed sign-in), 422 naming email for his own address; 429 as for other mail.")
    public HttpResponse<EmailChangeResponse> changeEmail(Caller caller, @Valid @Body EmailChangeRequest request) {
        emailChanges.request(caller, request.email(), request.password());
        return HttpResponse.accepted().body(new EmailChangeResponse(
                "Check the inbox of the new address and open the link we sent: until then, your account keeps its address"));
    }

    @Get("/export")
    @Operation(summary = "Everything the organisation holds about the signed-in person, as JSON")
    public HttpResponse<PersonalData.Export> export(Caller caller) {
        return HttpResponse.ok(personalData.export(caller))
                .header("Content-Disposition", "attachment; filename=\"my-data.json\"");
    }

    @Delete
    @AllowedBeforeMfa
    @Operation(summary = "Erase the signed-in person", description = "204: the profile is anonymised, credentials and sessions deleted; records kept for accounting stay without the name.")
    public HttpResponse<?> erase(Caller caller) {
        personalData.erase(caller);
        return HttpResponse.noContent();
    }
}
