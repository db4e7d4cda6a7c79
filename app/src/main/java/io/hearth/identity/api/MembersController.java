package io.hearth.identity.api;

import io.hearth.identity.Accounts;
import io.hearth.identity.Caller;
import io.hearth.identity.People;
import io.hearth.identity.Permission;
import io.hearth.identity.PersonStatus;
import io.hearth.identity.PersonView;
import io.hearth.identity.RequiresPermission;
import io.hearth.identity.Role;
import io.hearth.identity.internal.GrantRow;
import io.hearth.identity.internal.InvitationRow;
import io.hearth.identity.internal.PersonRepository;
import io.hearth.identity.internal.PersonRow;
import io.hearth.tenancy.TenantBound;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
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
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Admins run membership: find people, invite, approve, deactivate, grant and revoke roles. */
@TenantBound
@Controller("/api/v1/members")
@ExecuteOn(TaskExecutors.BLOCKING)
@RequiresPermission(Permission.MEMBERS_MANAGE)
public class MembersController {

    private final PersonRepository persons;
    private final People people;
    private final Accounts accounts;

    public MembersController(PersonRepository persons, People people, Accounts accounts) {
        this.persons = persons;
        this.people = people;
        this.accounts = accounts;
    }

    @Schema(name = "MemberPage")
    @Serdeable
    public record MemberPage(List<PersonView> items, int page, int size, long totalItems) {
    }

    @Schema(name = "InviteRequest")
    @Serdeable
    public record InviteRequest(@NotBlank @Email @Size(max = 254) String email, @Nullable Role role) {
    }

    @Schema(name = "InvitationResponse")
    @Serdeable
    public record InvitationResponse(UUID id, String email, Role role, Instant expiresAt) {
    }

    @Schema(name = "RoleGrantRequest")
    @Serdeable
    public record GrantRequest(@NotNull Role role, @Nullable Instant validUntil) {
    }

    @Schema(name = "RoleGrantResponse")
    @Serdeable
    public record GrantResponse(UUID personId, Role role, Instant grantedAt, @Nullable Instant validUntil) {
    }

    @Get("{?q,status,role,page,size}")
    @RequiresPermission(Permission.MEMBERS_VIEW)
    @Operation(summary = "List and search members", description = "q matches the start of email, first or last name; sorted by last name, first name.")
    public MemberPage list(Caller caller, @Nullable @QueryValue @Size(max = 100) String q, @Nullable @QueryValue PersonStatus status,
                           @Nullable @QueryValue Role role, @Nullable @QueryValue @Min(0) @Max(100000) Integer page,
                           @Nullable @QueryValue @Min(1) @Max(200) Integer size) {
        int p = page == null ? 0 : page;
        int s = size == null ? 50 : size;
        String query = io.hearth.web.LikePatterns.escaped(q);
        String statusName = status == null ? null : status.name();
        String roleName = role == null ? null : role.name();
        List<PersonRow> rows = persons.search(query, statusName, roleName, s, (long) p * s);
        java.util.Map<UUID, java.util.Set<Role>> roles = people.liveRoles(caller, rows.stream().map(PersonRow::id).toList());
        List<PersonView> items = rows.stream().map(row -> row.view(roles.get(row.id()))).toList();
        return new MemberPage(items, p, s, persons.countSearch(query, statusName, roleName));
    }

    @Get("/{id}")
    @RequiresPermission(Permission.MEMBERS_VIEW)
    @Operation(summary = "One member")
    public PersonView get(Caller caller, @PathVariable UUID id) {
        PersonRow person = accounts.existing(caller, id);
        return person.view(people.liveRoles(caller, id));
    }

    @Post("/invitations")
    @Operation(summary = "Invite someone by email, as a member or with a role", description = "201; the link is mailed and expires.")
    public HttpResponse<InvitationResponse> invite(Caller caller, @Body @Valid InviteRequest request) {
        Role role = request.role() == null ? Role.MEMBER : request.role();
        InvitationRow row = accounts.invite(caller, request.email(), role);
        return HttpResponse.created(new InvitationResponse(row.id(), row.email(), role, row.expiresAt()));
    }

    @Post("/{id}/approve")
    @Operation(summary = "Approve an account that waits for approval")
    public PersonView approve(Caller caller, @PathVariable UUID id) {
        return accounts.approve(caller, id).view(people.liveRoles(caller, id));
    }

    @Post("/{id}/deactivate")
    @Operation(summary = "Deactivate an account", description = "Its sessions end at once. 409 LAST_ADMIN for the last admin; "
            + "409 BREAK_GLASS_ADMIN for the admin who keeps password sign-in while single sign-on is on.")
    public PersonView deactivate(Caller caller, @PathVariable UUID id) {
        return accounts.deactivate(caller, id).view(people.liveRoles(caller, id));
    }

    @Post("/{id}/reactivate")
    @Operation(summary = "Reactivate a deactivated account")
    public PersonView reactivate(Caller caller, @PathVariable UUID id) {
        return accounts.reactivate(caller, id).view(people.liveRoles(caller, id));
    }

    @Post("/{id}/roles")
    @Operation(summary = "Grant a role, optionally until validUntil", description = "Granting a held role again sets its new end.")
    public HttpResponse<GrantResponse> grant(Caller caller, @PathVariable UUID id, @Body @Valid GrantRequest request) {
        GrantRow row = accounts.grantRole(caller, id, request.role(), request.validUntil());
        return HttpResponse.created(new GrantResponse(id, request.role(), row.grantedAt(), row.validUntil()))
                .headers(headers -> headers.location(URI.create("/api/v1/members/" + id)));
    }

    @Delete("/{id}/roles/{role}")
    @Operation(summary = "Revoke a role", description = "204; 404 if not held; 409 LAST_ADMIN for the last admin's ADMIN role; "
            + "409 BREAK_GLASS_ADMIN for the ADMIN role of the admin who keeps password sign-in while single sign-on is on.")
    public HttpResponse<?> revoke(Caller caller, @PathVariable UUID id, @PathVariable Role role) {
        accounts.revokeRole(caller, id, role);
        return HttpResponse.noContent();
    }
}
