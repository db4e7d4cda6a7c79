package io.hearth.notifications.api;

import io.hearth.identity.Caller;
import io.hearth.kit.Refusal;
import io.hearth.messaging.Pushes;
import io.hearth.notifications.Devices;
import io.hearth.tenancy.TenantBound;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/** The devices that allowed him notifications (Web Push), and the key they subscribe with. */
@TenantBound
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class DeviceController {

    private final Devices devices;

    public DeviceController(Devices devices) {
        this.devices = devices;
    }

    @Schema(name = "PushKeys")
    @Serdeable
    public record Keys(@NotNull @Size(max = 200) String p256dh, @NotNull @Size(max = 100) String auth) {
    }

    /** As {@code PushSubscription.toJSON()} gives it, with whether his pushes may show the notification's text. */
    @Schema(name = "PushSubscriptionRequest")
    @Serdeable
    public record SubscriptionRequest(@NotNull @Size(max = 1024) String endpoint, @NotNull @Valid Keys keys, @Nullable Boolean previews) {
    }

    @Schema(name = "PushUnsubscribeRequest")
    @Serdeable
    public record UnsubscribeRequest(@NotNull @Size(max = 1024) String endpoint) {
    }

    @Schema(name = "VapidPublicKey")
    @Serdeable
    public record PublicKey(String publicKey) {
    }

    @Schema(name = "PushDevices")
    @Serdeable
    public record DeviceList(List<Devices.Device> items) {
    }

    @Get("/push/vapid-public-key")
    @Operation(summary = "The key a browser subscribes with (applicationServerKey)", description = "404 PUSH_NOT_CONFIGURED when push is off.")
    public PublicKey publicKey(Caller caller) {
        return new PublicKey(devices.publicKey(caller));
    }

    @Post("/me/push-subscriptions")
    @Operation(summary = "This device allows notifications: store its subscription (again: refreshed, seen now)",
            description = "201. 422 for an endpoint that is not a known push service over HTTPS, or keys that are not P-256 / 16 bytes.")
    public HttpResponse<Devices.Device> subscribe(Caller caller, @Body @Valid SubscriptionRequest request,
                                                  @Nullable @Header("User-Agent") String userAgent) {
        return HttpResponse.created(devices.subscribe(caller, new Pushes.Device(request.endpoint(), request.keys().p256dh(), request.keys().auth()),
                Boolean.TRUE.equals(request.previews()), userAgent));
    }

    @Get("/me/push-subscriptions")
    @Operation(summary = "His devices that allow notifications")
    public DeviceList list(Caller caller) {
        return new DeviceList(devices.list(caller));
    }

    @Delete("/me/push-subscriptions{?endpoint}")
    @Operation(summary = "This device no longer allows notifications", description = "The endpoint in the body or as ?endpoint=. 204, also when "
            + "he had no such device.")
    public HttpResponse<Void> unsubscribe(Caller caller, @Nullable @QueryValue @Size(max = 1024) String endpoint,
                                          @Nullable @Body @Valid UnsubscribeRequest request) {
        String which = endpoint != null ? endpoint : request == null ? null : request.endpoint();
        if (which == null) {
            throw Refusal.invalid("endpoint", "is required: in the body or as ?endpoint=");
        }
        devices.unsubscribe(caller, which);
        return HttpResponse.noContent();
    }
}
