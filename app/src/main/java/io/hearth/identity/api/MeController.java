package io.hearth.identity.api;

import io.hearth.identity.AllowedBeforeMfa;
import io.hearth.identity.MailThrottle;
import io.hearth.identity.SignUp;
import io.hearth.identity.Caller;
import io.hearth.identity.People;
import io.hearth.identity.Permission;
import io.hearth.identity.PersonView;
import io.hearth.identity.PersonalData;
import io.hearth.identity.Role;
import io.hearth.identity.internal.PersonRow;
import io.hearth.kit.Refusal;
import io.hearth.tenancy.TenantBound;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;

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

    public MeController(People people, PersonalData personalData, SignUp signUp, MailThrottle mailThrottle) {
        this.people = people;
        this.personalData = personalData;
        this.signUp = signUp;
        this.mailThrottle = mailThrottle;
    }

    @Schema(name = "MeResponse")
    @Serdeable
    public record MeResponse(PersonView person, List<Role> roles, List<String> permissions, boolean mfaRequired) {
    }

    @Get
    @AllowedBeforeMfa
    @Operation(summary = "The signed-in person, his roles and effective permissions")
    public MeResponse me(Caller caller) {
        PersonRow person = people.find(caller, caller.person()).orElseThrow(() -> Refusal.unauthorized("The account is gone"));
        boolean mfaRequired = !person.mfaEnabled() && people.settings(caller).requiresMfa(caller.roles());
        return new MeResponse(person.view(caller.roles()), caller.roles().stream().sorted().toList(),
                caller.permissions().stream().map(Permission::code).sorted().toList(), mfaRequired);
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
